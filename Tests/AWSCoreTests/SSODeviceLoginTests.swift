import Foundation
import Testing

@testable import AWSCore

/// The device-code flow with an injected clock: nothing sleeps.
@Suite("SSO device-code sign-in")
struct SSODeviceLoginTests {
    let clock = AuthTestClock()

    static let registered = SSOFixtures.ok(
        #"{"clientId":"cid","clientSecret":"csecret","clientIdIssuedAt":1800000000,"clientSecretExpiresAt":1807776000}"#
    )
    static func started(interval: Int = 2, expiresIn: Int = 600) -> RecordingTransport.Reply {
        SSOFixtures.ok(
            #"{"deviceCode":"dev-code","userCode":"ABCD-EFGH","verificationUri":"https://device.sso.eu-west-1.amazonaws.com/","verificationUriComplete":"https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH","expiresIn":\#(expiresIn),"interval":\#(interval)}"#
        )
    }
    static let pending = SSOFixtures.oidcError("AuthorizationPendingException", "authorization_pending")

    func login(_ transport: RecordingTransport, home: ConfigTempDirectory, sleeper: ClockAdvancingSleeper)
        -> SSODeviceLogin
    {
        SSODeviceLogin(
            configuration: SSOFixtures.session, access: SSOFixtures.access(transport),
            cache: SSOTokenCache(environment: home.environment()), now: clock.function, sleeper: sleeper)
    }

    @Test(
        "pending → slow_down → pending → token: the interval grows by 5 s, the token is cached with its refresh token")
    func pendingSlowDownSuccess() async throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        let transport = RecordingTransport(script: [
            Self.registered, Self.started(), Self.pending, SSOFixtures.oidcError("SlowDownException", "slow_down"),
            Self.pending,
            SSOFixtures.ok(#"{"accessToken":"at-1","tokenType":"Bearer","expiresIn":28800,"refreshToken":"rt-1"}"#),
        ])
        let sleeper = ClockAdvancingSleeper(clock: clock)
        let flow = login(transport, home: home, sleeper: sleeper)
        let start = clock.now
        let authorization = try await flow.start()
        #expect(authorization.verificationURIComplete.hasSuffix("?user_code=ABCD-EFGH"))
        #expect(authorization.userCode == "ABCD-EFGH" && authorization.expiresAt == start.addingTimeInterval(600))
        let token = try await flow.complete(authorization)
        #expect(await sleeper.delays == [.seconds(2), .seconds(7), .seconds(7)])
        #expect(token.accessToken == "at-1" && token.refreshToken == "rt-1")
        #expect(token.expiresAt == start.addingTimeInterval(16 + 28800))
        #expect(try flow.cache.load(SSOFixtures.session) == token)
        #expect(token.clientId == "cid" && token.registrationExpiresAt == Date(timeIntervalSince1970: 1_807_776_000))

        let requests = await transport.requests
        #expect(
            requests.map { $0.url.path } == [
                "/client/register", "/device_authorization", "/token", "/token", "/token", "/token",
            ])
        let registration = jsonBody(requests[0])
        #expect(registration["clientType"] as? String == "public")
        #expect(registration["scopes"] as? [String] == ["sso:account:access"])
        #expect(jsonBody(requests[1])["startUrl"] as? String == SSOFixtures.startURL)
        let poll = jsonBody(requests[2])
        #expect(poll["grantType"] as? String == "urn:ietf:params:oauth:grant-type:device_code")
        #expect(poll["deviceCode"] as? String == "dev-code")
        #expect(requests.allSatisfy { $0.header("Authorization") == nil })
    }

    @Test("the deadline from expiresIn ends the poll with a clear error, without real waiting")
    func deadline() async throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        let transport = RecordingTransport(
            script: [Self.registered, Self.started(interval: 5, expiresIn: 12)], fallback: { _ in Self.pending })
        let sleeper = ClockAdvancingSleeper(clock: clock)
        let flow = login(transport, home: home, sleeper: sleeper)
        await #expect(throws: SSOError.deviceAuthorizationFailed(profile: "dev", reason: .expired)) {
            try await flow.complete(try await flow.start())
        }
        #expect(await sleeper.delays == [.seconds(5), .seconds(5), .seconds(5)])
        #expect(await transport.requests.count == 2 + 3)
    }

    @Test(
        "expired_token and access_denied end the flow with what happened",
        arguments: [
            ("ExpiredTokenException", "expired_token", SSODeviceFailure.expired),
            ("AccessDeniedException", "access_denied", SSODeviceFailure.denied),
        ])
    func refusals(type: String, error: String, reason: SSODeviceFailure) async throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        let transport = RecordingTransport(script: [
            Self.registered, Self.started(), Self.pending, SSOFixtures.oidcError(type, error),
        ])
        let flow = login(transport, home: home, sleeper: ClockAdvancingSleeper(clock: clock))
        await #expect(throws: SSOError.deviceAuthorizationFailed(profile: "dev", reason: reason)) {
            try await flow.complete(try await flow.start())
        }
        #expect(throws: SSOError.self) { try flow.cache.load(SSOFixtures.session) }  // nothing was cached
    }

    @Test("a legacy profile caches only startUrl, region, accessToken and expiresAt, as the AWS CLI does")
    func legacyCacheEntry() async throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        let transport = RecordingTransport(script: [
            Self.registered, Self.started(), SSOFixtures.ok(#"{"accessToken":"at-legacy","expiresIn":3600}"#),
        ])
        let flow = SSODeviceLogin(
            configuration: SSOFixtures.legacy, access: SSOFixtures.access(transport),
            cache: SSOTokenCache(environment: home.environment()), now: clock.function,
            sleeper: ClockAdvancingSleeper(clock: clock))
        let token = try await flow.complete(try await flow.start())
        #expect(token.clientId == nil && token.refreshToken == nil && token.accessToken == "at-legacy")
        #expect(jsonBody(await transport.requests[0])["scopes"] == nil)
        let path = try #require(flow.cache.path(forKey: "https://legacy.awsapps.com/start"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: String])
        #expect(Set(json.keys) == ["startUrl", "region", "accessToken", "expiresAt"])
    }
}
