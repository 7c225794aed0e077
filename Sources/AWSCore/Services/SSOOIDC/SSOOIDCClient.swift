import Foundation

extension AWSServiceDescription {
    /// SSO OIDC (2019-06-10): REST-JSON, host `oidc.<region>`; its operations are unsigned.
    public static let ssoOIDC = AWSServiceDescription(
        serviceId: "SSO OIDC", endpointKey: "sso-oidc", signingName: "sso-oauth", endpointPrefix: "oidc",
        wireProtocol: .restJSON)
}

/// IAM Identity Center's OIDC service: client registration, the device authorization and tokens.
public struct SSOOIDCClient: Sendable {
    /// The client carrying region (the SSO region), transport and retries; no credentials are needed.
    public let client: AWSClient
    /// The service description.
    public static let service = AWSServiceDescription.ssoOIDC

    /// Every operation of this client with its access kind (none changes AWS resources).
    public enum Operation {
        /// RegisterClient (unsigned).
        public static let registerClient = AWSOperation("RegisterClient", .read, unsigned: true)
        /// StartDeviceAuthorization (unsigned).
        public static let startDeviceAuthorization = AWSOperation("StartDeviceAuthorization", .read, unsigned: true)
        /// CreateToken (unsigned).
        public static let createToken = AWSOperation("CreateToken", .read, unsigned: true)
        /// All of them.
        public static let all: [AWSOperation] = [registerClient, startDeviceAuthorization, createToken]
    }

    /// Wraps a client.
    public init(client: AWSClient) {
        self.client = client
    }

    /// `POST /client/register`.
    public func registerClient(_ input: RegisterClientRequest) async throws -> RegisterClientResponse {
        try await client.restJSON(
            Operation.registerClient, service: Self.service,
            route: AWSClient.RestJSONRoute(method: "POST", path: "/client/register"), body: input)
    }

    /// `POST /device_authorization`.
    public func startDeviceAuthorization(_ input: StartDeviceAuthorizationRequest) async throws
        -> StartDeviceAuthorizationResponse
    {
        try await client.restJSON(
            Operation.startDeviceAuthorization, service: Self.service,
            route: AWSClient.RestJSONRoute(method: "POST", path: "/device_authorization"), body: input)
    }

    /// `POST /token`.
    public func createToken(_ input: CreateTokenRequest) async throws -> CreateTokenResponse {
        try await client.restJSON(
            Operation.createToken, service: Self.service,
            route: AWSClient.RestJSONRoute(method: "POST", path: "/token"), body: input)
    }
}
