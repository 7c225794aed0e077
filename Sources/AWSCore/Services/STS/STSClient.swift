import Foundation
import Logging

/// STS (awsQuery): caller identity and role assumption. Obtain it from `AWSClient.sts`, or build one directly
/// with fixed or no credentials — the role and web-identity credential providers do that.
public struct STSClient: Sendable {
    /// The client carrying region, credentials, transport and retries.
    public let client: AWSClient
    /// The service description.
    public static let service = AWSServiceDescription.sts

    /// Every operation of this client with its access kind. None changes AWS resources.
    public enum Operation {
        /// GetCallerIdentity (read).
        public static let getCallerIdentity = AWSOperation("GetCallerIdentity", .read)
        /// AssumeRole (read: it creates only temporary credentials).
        public static let assumeRole = AWSOperation("AssumeRole", .read)
        /// AssumeRoleWithWebIdentity (read; sent unsigned, the token is the proof).
        public static let assumeRoleWithWebIdentity = AWSOperation("AssumeRoleWithWebIdentity", .read, unsigned: true)
        /// All of them.
        public static let all: [AWSOperation] = [getCallerIdentity, assumeRole, assumeRoleWithWebIdentity]
    }

    /// Wraps a client.
    public init(client: AWSClient) {
        self.client = client
    }

    /// A standalone STS client for credential providers: fixed credentials (source credentials of AssumeRole)
    /// or none (AssumeRoleWithWebIdentity).
    /// - Parameters:
    ///   - region: the STS region (regional endpoint `sts.<region>.amazonaws.com`).
    ///   - credentials: the caller's credentials, or `nil` for unsigned calls.
    ///   - endpoint: a custom STS URL (emulator, `AWS_ENDPOINT_URL_STS`).
    ///   - transport: defaults to the shared AsyncHTTPClient transport.
    public init(
        region: String, credentials: AWSCredentials? = nil, endpoint: URL? = nil,
        transport: any HTTPTransport = AsyncHTTPTransport.shared, logger: Logger = Logger(label: "podium.aws.sts")
    ) {
        self.init(
            region: region, credentialProvider: credentials.map { AWSClient.FixedCredentials($0) }, endpoint: endpoint,
            transport: transport, logger: logger)
    }

    /// A standalone STS client whose caller credentials come from a provider (chained role assumption).
    public init(
        region: String, credentialProvider: (any CredentialProvider)?, endpoint: URL? = nil,
        transport: any HTTPTransport = AsyncHTTPTransport.shared, logger: Logger = Logger(label: "podium.aws.sts")
    ) {
        client = AWSClient(
            region: region, credentialProvider: credentialProvider, endpoints: endpoint.map { .url($0) } ?? .standard,
            transport: transport, readOnly: false, logger: logger)
    }

    /// Returns the account, user id and ARN of the caller.
    public func getCallerIdentity(_ input: GetCallerIdentityRequest = .init()) async throws
        -> GetCallerIdentityResponse
    {
        try await client.query(Operation.getCallerIdentity, service: Self.service, input: input)
    }

    /// Assumes a role, returning temporary credentials.
    public func assumeRole(_ input: AssumeRoleRequest) async throws -> AssumeRoleResponse {
        try await client.query(Operation.assumeRole, service: Self.service, input: input)
    }

    /// Exchanges an OIDC token for temporary credentials. Sent unsigned.
    public func assumeRoleWithWebIdentity(_ input: AssumeRoleWithWebIdentityRequest) async throws
        -> AssumeRoleWithWebIdentityResponse
    {
        try await client.query(Operation.assumeRoleWithWebIdentity, service: Self.service, input: input)
    }
}

extension Credentials {
    /// These STS credentials as `AWSCredentials`.
    public var awsCredentials: AWSCredentials {
        AWSCredentials(
            accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: sessionToken,
            expiration: expiration)
    }
}
