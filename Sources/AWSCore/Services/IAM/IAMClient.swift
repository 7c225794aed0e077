import Foundation

/// IAM (awsQuery, XML answers; global: `iam.amazonaws.com`, signed for `us-east-1` whatever the client's region):
/// execution roles for preflight. Obtain it from `AWSClient.iam`.
public struct IAMClient: Sendable {
    /// The client carrying region, credentials, transport, retries and the read-only flag.
    public let client: AWSClient
    /// The service description.
    public static let service = AWSServiceDescription.iam

    /// Every operation of this client with its access kind.
    public enum Operation {
        /// GetRole (read).
        public static let getRole = AWSOperation("GetRole", .read)
        /// All of them.
        public static let all: [AWSOperation] = [getRole]
    }

    /// Wraps a client.
    public init(client: AWSClient) {
        self.client = client
    }

    /// Gets a role by name. AWS answers `NoSuchEntity` when there is none. The role's
    /// `assumeRolePolicyDocument` comes URL-encoded (RFC 3986); `Role.trustPolicy` decodes it.
    public func getRole(_ input: GetRoleRequest) async throws -> GetRoleResponse {
        try await client.query(Operation.getRole, service: Self.service, input: input)
    }

    /// The role name of a role ARN (`arn:aws:iam::123:role/path/name` → `name`), or `nil` when it is not one.
    public static func roleName(fromARN arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5].hasPrefix("role/") else { return nil }
        let name = parts[5].split(separator: "/").last.map(String.init) ?? ""
        return name.isEmpty ? nil : name
    }
}

extension Role {
    /// The trust policy as JSON text: IAM sends `AssumeRolePolicyDocument` percent-encoded; a document that is
    /// already plain JSON (some stand-ins send it so) is returned as it is.
    public var trustPolicy: String? {
        guard let document = assumeRolePolicyDocument else { return nil }
        let trimmed = document.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") { return trimmed }
        return trimmed.removingPercentEncoding ?? trimmed
    }
}
