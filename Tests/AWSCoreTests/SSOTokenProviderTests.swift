import Foundation
import Testing

@testable import AWSCore

/// botocore's refresh windows for SSO tokens, with an injected clock and a recording transport.
@Suite("SSO token refresh windows")
struct SSOTokenProviderTests {
    let clock = AuthTestClock()
    let home: ConfigTempDirectory
    let cache: SSOTokenCache

    init() throws {
        home = try ConfigTempDirectory()
        cache = SSOTokenCache(environment: home.environment())
    }

    func provider(_ transport: RecordingTransport, configuration: SSOConfiguration = SSOFixtures.session)
        -> SSOTokenProvider
    {
        SSOTokenProvider(
            configuration: configuration, cache: cache, access: SSOFixtures.access(transport), now: clock.function)
    }

    static let refreshed = SSOFixtures.ok(#"{"accessToken":"new-access","expiresIn":3600,"refreshToken":"refresh-2"}"#)

    @Test("more than 15 minutes left: the cached token, no call")
    func fresh() async throws {
        defer { home.remove() }
        try cache.save(SSOFixtures.token(expiresIn: 16 * 60, now: clock.now), forKey: "corp")
        let transport = RecordingTransport()
        #expect(try await provider(transport).token().accessToken == "old-access")
        #expect(await transport.requests.isEmpty)
    }

    @Test("advisory window (12 min left): refresh_token grant; the new token is returned and written back")
    func advisoryRefresh() async throws {
        defer { home.remove() }
        try cache.save(SSOFixtures.token(expiresIn: 12 * 60, now: clock.now), forKey: "corp")
        let transport = RecordingTransport(script: [Self.refreshed])
        let token = try await provider(transport).token()
        #expect(token.accessToken == "new-access" && token.refreshToken == "refresh-2")
        #expect(token.expiresAt == clock.now.addingTimeInterval(3600))
        let request = try #require(await transport.requests.first)
        #expect(request.method == "POST" && request.url.absoluteString == "http://127.0.0.1:4566/token")
        #expect(request.header("Authorization") == nil)  // SSO-OIDC is unsigned
        let body = jsonBody(request)
        #expect(body["grantType"] as? String == "refresh_token" && body["refreshToken"] as? String == "refresh-1")
        #expect(body["clientId"] as? String == "client-1" && body["clientSecret"] as? String == "secret-1")
        let saved = try cache.load(SSOFixtures.session)
        #expect(saved.accessToken == "new-access" && saved.clientId == "client-1")
        #expect(saved.registrationExpiresAt == clock.now.addingTimeInterval(86_400))
    }

    @Test("advisory window: a failed refresh keeps the still-valid token, and is not retried within a minute")
    func advisoryFailureTolerated() async throws {
        defer { home.remove() }
        try cache.save(SSOFixtures.token(expiresIn: 12 * 60, now: clock.now), forKey: "corp")
        let transport = RecordingTransport(fallback: { _ in
            SSOFixtures.oidcError("InvalidGrantException", "invalid_grant")
        })
        let tokens = provider(transport)
        #expect(try await tokens.token().accessToken == "old-access")
        #expect(try await tokens.token().accessToken == "old-access")
        #expect(await transport.requests.count == 1)
        clock.advance(by: 61)
        #expect(try await tokens.token().accessToken == "old-access")
        #expect(await transport.requests.count == 2)
    }

    @Test("mandatory window (8 min left): a refused refresh is a sign-in-needed error naming podium login")
    func mandatoryFailureThrows() async throws {
        defer { home.remove() }
        try cache.save(SSOFixtures.token(expiresIn: 8 * 60, now: clock.now), forKey: "corp")
        let transport = RecordingTransport(script: [SSOFixtures.oidcError("InvalidGrantException", "invalid_grant")])
        await #expect {
            try await provider(transport).token()
        } throws: { error in
            guard let needed = (error as? SSOError)?.signInRequired else { return false }
            return needed.reason == .refreshRefused(code: "InvalidGrantException")
                && "\(error)".contains("podium login --profile dev") && !"\(error)".contains("connect")
        }
    }

    @Test("mandatory window: SSO-OIDC unreachable is reported as a network problem, not as a sign-in")
    func mandatoryUnreachable() async throws {
        defer { home.remove() }
        try cache.save(SSOFixtures.token(expiresIn: 8 * 60, now: clock.now), forKey: "corp")
        let transport = RecordingTransport(fallback: { _ in .failure(.connectFailed("refused")) })
        await #expect {
            try await provider(transport).token()
        } throws: { error in
            guard case CredentialProviderError.metadataUnavailable(let provider, let endpoint, _) = error else {
                return false
            }
            return provider.contains("CreateToken") && endpoint == "http://127.0.0.1:4566"
        }
    }

    @Test("a legacy token is used until it expires, never refreshed, then needs a sign-in")
    func legacy() async throws {
        defer { home.remove() }
        var token = SSOFixtures.token(expiresIn: 5 * 60, now: clock.now, refreshable: false)
        token.startURL = SSOFixtures.legacy.startURL
        try cache.save(token, forKey: SSOFixtures.legacy.startURL)
        let transport = RecordingTransport()
        let tokens = provider(transport, configuration: SSOFixtures.legacy)
        #expect(try await tokens.token().accessToken == "old-access")
        clock.advance(by: 5 * 60)
        await #expect {
            try await tokens.token()
        } throws: { error in
            (error as? SSOError)?.signInRequired?.reason == .expired(at: token.expiresAt)
        }
        #expect(await transport.requests.isEmpty)
    }

    @Test("a token written by another process (a new sign-in) is picked up without a refresh")
    func picksUpNewSignIn() async throws {
        defer { home.remove() }
        try cache.save(SSOFixtures.token(expiresIn: 5 * 60, now: clock.now, refreshable: false), forKey: "corp")
        let transport = RecordingTransport()
        let tokens = provider(transport)
        #expect(try await tokens.token().accessToken == "old-access")
        var signedIn = SSOFixtures.token(expiresIn: 8 * 3600, now: clock.now)
        signedIn.accessToken = "from-aws-sso-login"
        try cache.save(signedIn, forKey: "corp")
        #expect(try await tokens.token().accessToken == "from-aws-sso-login")
        #expect(await transport.requests.isEmpty)
    }

    @Test("mandatory window: a refresh lost to another process (refresh token already spent) uses that process's token")
    func lostRaceReadsTheFile() async throws {
        defer { home.remove() }
        try cache.save(SSOFixtures.token(expiresIn: 8 * 60, now: clock.now), forKey: "corp")
        var theirs = SSOFixtures.token(expiresIn: 3600, now: clock.now)
        theirs.accessToken = "refreshed-by-aws-cli"
        let cache = self.cache
        let winner = theirs
        let transport = RecordingTransport(fallback: { _ in
            try? cache.save(winner, forKey: "corp")  // the other process wins the race
            return SSOFixtures.oidcError("InvalidGrantException", "invalid_grant")
        })
        #expect(try await provider(transport).token().accessToken == "refreshed-by-aws-cli")
        #expect(await transport.requests.count == 1)
    }
}
