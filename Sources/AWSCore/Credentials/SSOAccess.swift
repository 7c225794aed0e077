import Foundation
import Logging

/// How the SSO pieces reach IAM Identity Center: the SSO region, the SSO-OIDC and portal endpoints (the
/// standard hosts, or `AWS_ENDPOINT_URL_SSO_OIDC` / `AWS_ENDPOINT_URL_SSO` / `AWS_ENDPOINT_URL` for the
/// emulator), the transport and the timeouts. Every call is unsigned.
public struct SSOAccess: Sendable {
    /// The region of IAM Identity Center (`sso_region`).
    public var region: String
    /// The SSO-OIDC base URL (`https://oidc.<region>.amazonaws.com`).
    public var oidcEndpoint: URL
    /// The portal base URL (`https://portal.sso.<region>.amazonaws.com`).
    public var portalEndpoint: URL
    /// The HTTP seam.
    public var transport: any HTTPTransport
    /// The connect and read timeouts of each attempt.
    public var timeouts: TransportTimeouts
    /// Waits between retries of a failed call (tests inject one that does not sleep).
    public var sleeper: any AWSSleeper

    /// Creates the access description.
    public init(
        region: String, oidcEndpoint: URL, portalEndpoint: URL, transport: any HTTPTransport,
        timeouts: TransportTimeouts = TransportTimeouts(), sleeper: any AWSSleeper = TaskSleeper()
    ) {
        self.region = region
        self.oidcEndpoint = oidcEndpoint
        self.portalEndpoint = portalEndpoint
        self.transport = transport
        self.timeouts = timeouts
        self.sleeper = sleeper
    }

    /// Resolves both endpoints for `region` as the other services are resolved (environment variables, then
    /// the profile's `[services]` section and `endpoint_url`, else the standard hosts).
    public init(
        region: String, resolver: EndpointResolver, transport: any HTTPTransport,
        timeouts: TransportTimeouts = TransportTimeouts(), sleeper: any AWSSleeper = TaskSleeper()
    ) throws {
        self.init(
            region: region, oidcEndpoint: try resolver.resolve(EndpointResolver.Service(.ssoOIDC), region: region).url,
            portalEndpoint: try resolver.resolve(EndpointResolver.Service(.sso), region: region).url,
            transport: transport, timeouts: timeouts, sleeper: sleeper)
    }

    /// The SSO-OIDC client.
    public var oidc: SSOOIDCClient { SSOOIDCClient(client: client(oidcEndpoint, label: "podium.aws.sso-oidc")) }
    /// The portal client.
    public var portal: SSOClient { SSOClient(client: client(portalEndpoint, label: "podium.aws.sso")) }

    private func client(_ endpoint: URL, label: String) -> AWSClient {
        AWSClient(
            region: region, credentialProvider: nil, endpoints: .url(endpoint), transport: transport, readOnly: false,
            logger: Logger(label: label), timeouts: timeouts, sleeper: sleeper)
    }

    /// What an SSO call's failure means for the caller: cancellation stays cancellation; no answer at all is a
    /// `CredentialProviderError.metadataUnavailable` (a network problem, and said so); a refusal of the token
    /// or refresh token is `SSOError.signInRequired`; anything else is `SSOError.serviceFailed`.
    func classify(
        _ error: any Error, operation: String, endpoint: URL, configuration: SSOConfiguration,
        signInCodes: Set<String>, refusal: (String) -> SSOSignInRequired.Reason
    ) -> any Error {
        switch error {
        case is CancellationError, AWSClientError.cancelled:
            return CancellationError()
        case let error as AWSClientError where error.isUnreachable:
            return CredentialProviderError.metadataUnavailable(
                provider: "IAM Identity Center \(operation)", endpoint: endpoint.absoluteString,
                reason: String(describing: error))
        case let error as AWSServiceError where signInCodes.contains(error.code):
            return SSOError.signInRequired(
                SSOSignInRequired(
                    profile: configuration.profileName, session: configuration.sessionLabel,
                    startURL: configuration.startURL, reason: refusal(error.code)))
        default:
            return SSOError.serviceFailed(operation: operation, reason: String(describing: error))
        }
    }
}
