import Foundation

/// The SSO access token of one profile: read from the shared cache, refreshed with SSO-OIDC `CreateToken`
/// (`refresh_token` grant) on botocore's windows, and written back to the cache.
///
/// - More than 15 minutes left: the token is used as it is.
/// - Advisory window (15 to 10 minutes left): one refresh is tried; if it fails, the token is still used, and
///   the next attempt waits a minute (botocore's `_attempt_timeout`).
/// - Mandatory window (10 minutes or less): the refresh must succeed; its failure is thrown (a refused refresh
///   token is `SSOError.signInRequired`).
///
/// A legacy profile (no `sso_session`) or a token without a refresh token is used until it expires, then a
/// sign-in is required, as in botocore. The cache file is read again whenever the token is in a window, so a
/// sign-in by another process (`aws sso login`, `podium login`) is picked up. At most one refresh runs at a
/// time; the clock is injected.
public actor SSOTokenProvider {
    /// botocore's advisory window for SSO tokens.
    public static let advisoryWindow: TimeInterval = 15 * 60
    /// botocore's mandatory window for SSO tokens.
    public static let mandatoryWindow: TimeInterval = 10 * 60
    /// How long after a failed advisory refresh the next one may be tried.
    public static let advisoryRetryDelay: TimeInterval = 60

    /// The profile's SSO settings.
    public nonisolated let configuration: SSOConfiguration
    /// The shared token cache.
    public nonisolated let cache: SSOTokenCache
    /// How SSO-OIDC is reached.
    public nonisolated let access: SSOAccess
    private let now: @Sendable () -> Date
    private var current: SSOToken?
    private var refreshing: Task<SSOToken, any Error>?
    private var nextAdvisoryAttempt: Date?

    /// Creates the provider.
    public init(
        configuration: SSOConfiguration, cache: SSOTokenCache, access: SSOAccess,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.cache = cache
        self.access = access
        self.now = now
    }

    /// A usable access token, refreshed as the windows require.
    /// - Throws: `SSOError.signInRequired` when there is no usable token; `SSOError.serviceFailed` or
    ///   `CredentialProviderError.metadataUnavailable` when a mandatory refresh failed for another reason.
    public func token() async throws -> SSOToken {
        if let current, remaining(current) > Self.advisoryWindow { return current }
        let token = try cache.load(configuration)
        current = token
        let left = remaining(token)
        if left > Self.advisoryWindow { return token }
        guard configuration.sessionName != nil, token.canRefresh(at: now()) else {
            if left > 0 { return token }
            throw signInRequired(.expired(at: token.expiresAt))
        }
        let advisory = left > Self.mandatoryWindow
        if advisory, let next = nextAdvisoryAttempt, now() < next { return token }
        if let refreshing {
            if advisory { return token }  // do not wait for someone else's advisory refresh
            return try await refreshing.value
        }
        let task = Task { try await self.refresh(token) }
        refreshing = task
        do {
            let fresh = try await task.value
            return fresh
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // Another process (the AWS CLI, a second podium) may have refreshed with the same refresh token
            // meanwhile; its token is in the file.
            if let newer = try? cache.load(configuration), newer.accessToken != token.accessToken,
                remaining(newer) > 0
            {
                current = newer
                return newer
            }
            guard advisory else { throw error }
            nextAdvisoryAttempt = now().addingTimeInterval(Self.advisoryRetryDelay)
            return token
        }
    }

    /// The one provider of this process for a cache file and SSO-OIDC endpoint, so that the environments of one
    /// `sso_session` refresh its token once (a refresh token may be good only once); created on first use.
    public static func shared(
        configuration: SSOConfiguration, cache: SSOTokenCache, access: SSOAccess,
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> SSOTokenProvider {
        let key = "\(cache.path(forKey: configuration.cacheKey) ?? configuration.cacheKey) \(access.oidcEndpoint)"
        return registry.provider(for: key) {
            SSOTokenProvider(configuration: configuration, cache: cache, access: access, now: now)
        }
    }

    private static let registry = Registry()

    /// The process-wide table behind `shared`.
    private final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var providers: [String: SSOTokenProvider] = [:]

        func provider(for key: String, make: () -> SSOTokenProvider) -> SSOTokenProvider {
            lock.withLock {
                if let existing = providers[key] { return existing }
                let created = make()
                providers[key] = created
                return created
            }
        }
    }

    /// Forgets the token held in memory, so the next call reads the cache again.
    public func invalidate() {
        current = nil
    }

    // MARK: - Internals

    private func remaining(_ token: SSOToken) -> TimeInterval {
        token.expiresAt.timeIntervalSince(now())
    }

    private func signInRequired(_ reason: SSOSignInRequired.Reason) -> SSOError {
        .signInRequired(
            SSOSignInRequired(
                profile: configuration.profileName, session: configuration.sessionLabel,
                startURL: configuration.startURL, reason: reason))
    }

    /// The `refresh_token` grant; the new token is cached in memory and in the file (botocore keeps the
    /// registration and, when the answer has none, drops the old refresh token).
    private func refresh(_ token: SSOToken) async throws -> SSOToken {
        defer { refreshing = nil }
        let response: CreateTokenResponse
        do {
            response = try await access.oidc.createToken(
                CreateTokenRequest(
                    clientId: token.clientId ?? "", clientSecret: token.clientSecret ?? "",
                    grantType: CreateTokenRequest.refreshTokenGrant, refreshToken: token.refreshToken))
        } catch {
            throw access.classify(
                error, operation: "CreateToken (refresh)", endpoint: access.oidcEndpoint, configuration: configuration,
                signInCodes: [
                    "InvalidGrantException", "InvalidClientException", "UnauthorizedClientException",
                    "ExpiredTokenException", "AccessDeniedException",
                ], refusal: { .refreshRefused(code: $0) })
        }
        guard !response.accessToken.isEmpty, response.expiresIn > 0 else {
            throw SSOError.serviceFailed(
                operation: "CreateToken (refresh)", reason: "the answer has no accessToken or expiresIn")
        }
        let fresh = SSOToken(
            startURL: configuration.startURL, region: configuration.region, accessToken: response.accessToken,
            expiresAt: now().addingTimeInterval(TimeInterval(response.expiresIn)), clientId: token.clientId,
            clientSecret: token.clientSecret, registrationExpiresAt: token.registrationExpiresAt,
            refreshToken: response.refreshToken)
        current = fresh
        nextAdvisoryAttempt = nil
        // The new token is good even if it cannot be saved; the next process then refreshes (or signs in) again.
        try? cache.save(fresh, forKey: configuration.cacheKey)
        return fresh
    }
}
