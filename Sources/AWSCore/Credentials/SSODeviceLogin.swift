import Foundation

/// One started device authorization: what the user must see (the URL and the code, and until when), and what
/// the poll needs.
public struct SSODeviceAuthorization: Sendable, Equatable {
    /// The verification page with the code filled in (show this one).
    public var verificationURIComplete: String
    /// The verification page without the code.
    public var verificationURI: String
    /// The code the user confirms.
    public var userCode: String
    /// When the code expires (the poll gives up then).
    public var expiresAt: Date
    /// How long the code is valid, in seconds from when it was issued (a countdown on another clock starts here).
    public var expiresIn: Int
    /// The first interval between polls, in seconds.
    public var interval: Int
    /// The device code. Never shown.
    var deviceCode: String
    /// The registered client.
    var clientId: String
    /// The registered client's secret. Never shown.
    var clientSecret: String
    /// When the registration expires.
    var registrationExpiresAt: Date
}

/// `podium login`: the OAuth device-code flow of IAM Identity Center, as `aws sso login --use-device-code`.
///
/// `start()` starts a device authorization with the client registration cached in `~/.aws/sso/cache` (shared
/// with the AWS CLI, `SSOClientRegistration`), registering and caching one when none is usable; the caller shows
/// the URL and the code;
/// `complete(_:)` polls `CreateToken` at the given interval (`authorization_pending`: keep polling;
/// `slow_down`: 5 s more between polls; `expired_token` / `access_denied` or the `expiresIn` deadline: a clear
/// error) and writes the token to the shared cache, where botocore and the AWS CLI read it. The clock and the
/// sleeper are injected, so tests never sleep.
public struct SSODeviceLogin: Sendable {
    /// The profile's SSO settings.
    public let configuration: SSOConfiguration
    /// How SSO-OIDC is reached.
    public let access: SSOAccess
    /// Where the token is written.
    public let cache: SSOTokenCache
    /// The poll's clock.
    public let now: @Sendable () -> Date
    /// Waits between polls.
    public let sleeper: any AWSSleeper
    /// The client name registered with SSO-OIDC.
    public var clientName = "podium"

    /// The interval when the answer gives none (the AWS CLI's default).
    public static let defaultInterval = 5
    /// What `slow_down` adds to the interval (RFC 8628 §3.5).
    public static let slowDownIncrement = 5

    /// Creates the flow.
    public init(
        configuration: SSOConfiguration, access: SSOAccess, cache: SSOTokenCache,
        now: @escaping @Sendable () -> Date = { Date() }, sleeper: any AWSSleeper = TaskSleeper()
    ) {
        self.configuration = configuration
        self.access = access
        self.cache = cache
        self.now = now
        self.sleeper = sleeper
    }

    /// The flow for a named profile of the shared config, with endpoints resolved like every other service.
    /// - Throws: `CredentialProviderError` when the profile is missing, is not an SSO profile, or is invalid.
    public static func forProfile(
        _ name: String, environment: AWSEnvironment, transport: any HTTPTransport = AsyncHTTPTransport.shared,
        now: @escaping @Sendable () -> Date = { Date() }, sleeper: any AWSSleeper = TaskSleeper()
    ) throws -> SSODeviceLogin {
        let factory = CredentialProviderFactory(environment: environment, transport: transport, now: now)
        let store = try factory.loadProfiles()
        let profile: AWSProfile
        do {
            profile = try store.requireProfile(name)
        } catch let error as AWSConfigError {
            throw CredentialProviderError.configuration(error)
        }
        guard let configuration = try SSOConfiguration.resolve(profile: profile, store: store) else {
            throw CredentialProviderError.invalidProfile(
                profile: name, file: profile.origin(of: ""),
                reason: "it is not an SSO profile: it has neither sso_session nor sso_start_url")
        }
        let access = try factory.ssoAccess(
            store: store, profileName: name, region: configuration.region, sleeper: sleeper)
        return SSODeviceLogin(
            configuration: configuration, access: access, cache: SSOTokenCache(environment: environment), now: now,
            sleeper: sleeper)
    }

    /// Starts a device authorization with the cached client registration (the AWS CLI's, or one an earlier
    /// `podium login` cached), registering a client first when there is none usable: none cached, unreadable,
    /// expiring within 15 minutes, or refused by IAM Identity Center (then registered again once).
    public func start() async throws -> SSODeviceAuthorization {
        let oidc = access.oidc
        var registration: SSOClientRegistration
        let started: StartDeviceAuthorizationResponse
        do {
            let cached = cache.loadRegistration(configuration).flatMap { $0.isUsable(at: now()) ? $0 : nil }
            if let cached {
                registration = cached
            } else {
                registration = try await register(oidc)
            }
            do {
                started = try await startAuthorization(oidc, registration)
            } catch let error as AWSServiceError where cached != nil && Self.staleRegistrationCodes.contains(error.code)
            {
                // Revoked, or unknown to this IAM Identity Center (another region's, or a reset stand-in).
                registration = try await register(oidc)
                started = try await startAuthorization(oidc, registration)
            }
        } catch let error as SSOError {
            throw error
        } catch {
            throw access.classify(
                error, operation: "device authorization", endpoint: access.oidcEndpoint, configuration: configuration,
                signInCodes: [], refusal: { .refreshRefused(code: $0) })
        }
        let startedAt = now()
        // RFC 8628: a code without expires_in is unusual; the AWS CLI assumes 10 minutes then too.
        let expiresIn = started.expiresIn > 0 ? started.expiresIn : 600
        return SSODeviceAuthorization(
            verificationURIComplete: started.verificationUriComplete.isEmpty
                ? started.verificationUri : started.verificationUriComplete,
            verificationURI: started.verificationUri.isEmpty
                ? started.verificationUriComplete : started.verificationUri,
            userCode: started.userCode, expiresAt: startedAt.addingTimeInterval(TimeInterval(expiresIn)),
            expiresIn: expiresIn, interval: started.interval > 0 ? started.interval : Self.defaultInterval,
            deviceCode: started.deviceCode, clientId: registration.clientId, clientSecret: registration.clientSecret,
            registrationExpiresAt: registration.expiresAt)
    }

    /// The answers that mean a cached registration is no longer good for this IAM Identity Center.
    static let staleRegistrationCodes: Set<String> = ["InvalidClientException", "UnauthorizedClientException"]

    /// `RegisterClient`, cached for the next sign-in (a cache that cannot be written costs only a registration).
    private func register(_ oidc: SSOOIDCClient) async throws -> SSOClientRegistration {
        let response = try await oidc.registerClient(
            RegisterClientRequest(
                clientName: clientName,
                scopes: configuration.registrationScopes.isEmpty ? nil : configuration.registrationScopes))
        guard !response.clientId.isEmpty, !response.clientSecret.isEmpty else {
            throw SSOError.serviceFailed(
                operation: "RegisterClient", reason: "the answer has no clientId or clientSecret")
        }
        let registration = SSOClientRegistration(
            clientId: response.clientId, clientSecret: response.clientSecret,
            expiresAt: response.clientSecretExpiresAt > 0
                ? Date(timeIntervalSince1970: TimeInterval(response.clientSecretExpiresAt))
                : now().addingTimeInterval(90 * 24 * 3600),
            scopes: configuration.registrationScopes)
        try? cache.saveRegistration(registration, for: configuration)
        return registration
    }

    /// `StartDeviceAuthorization` with a registration.
    private func startAuthorization(
        _ oidc: SSOOIDCClient, _ registration: SSOClientRegistration
    ) async throws -> StartDeviceAuthorizationResponse {
        let started = try await oidc.startDeviceAuthorization(
            StartDeviceAuthorizationRequest(
                clientId: registration.clientId, clientSecret: registration.clientSecret,
                startUrl: configuration.startURL))
        guard !started.deviceCode.isEmpty, !started.userCode.isEmpty,
            !(started.verificationUriComplete.isEmpty && started.verificationUri.isEmpty)
        else {
            throw SSOError.serviceFailed(
                operation: "StartDeviceAuthorization",
                reason: "the answer has no deviceCode, userCode or verificationUri")
        }
        return started
    }

    /// Polls until the user confirms the code, then writes the token to the cache and returns it.
    /// - Throws: `SSOError.deviceAuthorizationFailed` (declined, expired), `SSOError.tokenCacheUnwritable`,
    ///   `CancellationError` when the task is cancelled.
    public func complete(_ authorization: SSODeviceAuthorization) async throws -> SSOToken {
        let oidc = access.oidc
        var interval = authorization.interval
        let request = CreateTokenRequest(
            clientId: authorization.clientId, clientSecret: authorization.clientSecret,
            grantType: CreateTokenRequest.deviceCodeGrant, deviceCode: authorization.deviceCode)
        while true {
            guard now() < authorization.expiresAt else { throw failure(.expired) }
            let response: CreateTokenResponse
            do {
                response = try await oidc.createToken(request)
            } catch let error as AWSServiceError {
                switch error.code {
                case "AuthorizationPendingException":
                    try await sleeper.sleep(for: .seconds(interval))
                    continue
                case "SlowDownException":
                    interval += Self.slowDownIncrement
                    try await sleeper.sleep(for: .seconds(interval))
                    continue
                case "ExpiredTokenException":
                    throw failure(.expired)
                case "AccessDeniedException":
                    throw failure(.denied)
                default:
                    throw SSOError.serviceFailed(operation: "CreateToken", reason: String(describing: error))
                }
            } catch {
                throw access.classify(
                    error, operation: "CreateToken", endpoint: access.oidcEndpoint, configuration: configuration,
                    signInCodes: [], refusal: { .refreshRefused(code: $0) })
            }
            guard !response.accessToken.isEmpty else { throw failure(.noToken) }
            let token = makeToken(response, authorization: authorization)
            try cache.save(token, forKey: configuration.cacheKey)
            return token
        }
    }

    /// `start()` then `complete(_:)`, calling `show` with the authorization in between.
    public func signIn(show: @Sendable (SSODeviceAuthorization) -> Void) async throws -> SSOToken {
        let authorization = try await start()
        show(authorization)
        return try await complete(authorization)
    }

    /// The cache entry: the AWS CLI keeps the registration and refresh token only for `sso_session` profiles.
    func makeToken(_ response: CreateTokenResponse, authorization: SSODeviceAuthorization) -> SSOToken {
        let expiresIn = response.expiresIn > 0 ? response.expiresIn : 3600
        var token = SSOToken(
            startURL: configuration.startURL, region: configuration.region, accessToken: response.accessToken,
            expiresAt: now().addingTimeInterval(TimeInterval(expiresIn)))
        if configuration.sessionName != nil {
            token.clientId = authorization.clientId
            token.clientSecret = authorization.clientSecret
            token.registrationExpiresAt = authorization.registrationExpiresAt
            token.refreshToken = response.refreshToken
        }
        return token
    }

    private func failure(_ reason: SSODeviceFailure) -> SSOError {
        .deviceAuthorizationFailed(profile: configuration.profileName, reason: reason)
    }
}
