import Foundation

extension AWSServiceDescription {
    /// SSO portal (2019-06-10): REST-JSON, host `portal.sso.<region>`; its operations are unsigned (the SSO
    /// access token travels in `x-amz-sso_bearer_token`).
    public static let sso = AWSServiceDescription(
        serviceId: "SSO", endpointKey: "sso", signingName: "awsssoportal", endpointPrefix: "portal.sso",
        wireProtocol: .restJSON)
}

/// The IAM Identity Center portal: role credentials for an SSO access token.
public struct SSOClient: Sendable {
    /// The client carrying region (the SSO region), transport and retries; no credentials are needed.
    public let client: AWSClient
    /// The service description.
    public static let service = AWSServiceDescription.sso

    /// Every operation of this client with its access kind.
    public enum Operation {
        /// GetRoleCredentials (read; unsigned, the bearer token is the proof).
        public static let getRoleCredentials = AWSOperation("GetRoleCredentials", .read, unsigned: true)
        /// All of them.
        public static let all: [AWSOperation] = [getRoleCredentials]
    }

    /// Wraps a client.
    public init(client: AWSClient) {
        self.client = client
    }

    /// `GET /federation/credentials?account_id=…&role_name=…` with the access token in `x-amz-sso_bearer_token`.
    public func getRoleCredentials(accountId: String, roleName: String, accessToken: String) async throws
        -> GetRoleCredentialsResponse
    {
        let route = AWSClient.RestJSONRoute(
            method: "GET", path: "/federation/credentials",
            query: [("account_id", accountId), ("role_name", roleName)],
            headers: [("x-amz-sso_bearer_token", accessToken)])
        return try await client.restJSON(Operation.getRoleCredentials, service: Self.service, route: route, body: nil)
    }
}
