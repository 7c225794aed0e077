import Foundation

/// KMS (awsJson 1.1): key state for preflight. Obtain it from `AWSClient.kms`.
public struct KMSClient: Sendable {
    /// The client carrying region, credentials, transport, retries and the read-only flag.
    public let client: AWSClient
    /// The service description.
    public static let service = AWSServiceDescription.kms

    /// Every operation of this client with its access kind.
    public enum Operation {
        /// DescribeKey (read).
        public static let describeKey = AWSOperation("DescribeKey", .read)
        /// All of them.
        public static let all: [AWSOperation] = [describeKey]
    }

    /// Wraps a client.
    public init(client: AWSClient) {
        self.client = client
    }

    /// Describes a key by id, ARN, alias name (`alias/x`) or alias ARN. AWS answers `NotFoundException` when
    /// there is none.
    public func describeKey(_ input: DescribeKeyRequest) async throws -> DescribeKeyResponse {
        try await client.json(Operation.describeKey, service: Self.service, input: input)
    }
}
