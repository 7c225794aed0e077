import Foundation
import Testing

@testable import AWSCore

/// `podium login` registers its SSO-OIDC client once and reuses it, as the AWS CLI does: the registration is cached
/// in `~/.aws/sso/cache` under the CLI's name, and one that is expiring, unreadable, of another kind or refused is
/// simply registered again. Recording transport, injected clock: nothing sleeps.
@Suite("SSO client registration cache")
struct SSOClientRegistrationTests {
    let clock = AuthTestClock()

    static let token = SSOFixtures.ok(
        #"{"accessToken":"at","tokenType":"Bearer","expiresIn":3600,"refreshToken":"rt"}"#)

    func login(_ transport: RecordingTransport, home: ConfigTempDirectory) -> SSODeviceLogin {
        SSODeviceLogin(
            configuration: SSOFixtures.session, access: SSOFixtures.access(transport),
            cache: SSOTokenCache(environment: home.environment()), now: clock.function,
            sleeper: ClockAdvancingSleeper(clock: clock))
    }

    /// The registration file of the `dev` profile's session.
    func registrationPath(_ home: ConfigTempDirectory) throws -> String {
        try #require(
            SSOTokenCache(environment: home.environment()).path(
                forKey: SSOClientRegistration.cacheKey(for: SSOFixtures.session)))
    }

    @Test("two sign-ins, one RegisterClient: the registration is cached (0600, the AWS CLI's JSON) and reused")
    func registersOnce() async throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        let transport = RecordingTransport(script: [
            SSODeviceLoginTests.registered, SSODeviceLoginTests.started(), Self.token, SSODeviceLoginTests.started(),
            Self.token,
        ])
        let flow = login(transport, home: home)
        let first = try await flow.complete(try await flow.start())
        let second = try await flow.complete(try await flow.start())
        let requests = await transport.requests
        #expect(
            requests.map(\.url.path) == [
                "/client/register", "/device_authorization", "/token", "/device_authorization", "/token",
            ])
        #expect(jsonBody(requests[3])["clientId"] as? String == "cid")
        #expect(jsonBody(requests[3])["clientSecret"] as? String == "csecret")
        #expect(first.clientId == "cid" && second.clientId == "cid")
        #expect(second.registrationExpiresAt == Date(timeIntervalSince1970: 1_807_776_000))

        let path = try registrationPath(home)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect(Set(json.keys) == ["clientId", "clientSecret", "expiresAt", "scopes"])
        #expect(json["expiresAt"] as? String == "2027-04-15T08:00:00Z")
        #expect(json["scopes"] as? [String] == ["sso:account:access"])
        // The token file is a different file: the registration never overwrites a token.
        #expect(path != SSOTokenCache(environment: home.environment()).path(forKey: "corp"))
    }

    @Test(
        "an expiring, unreadable, incomplete or authorization-code registration is registered again, never a crash",
        arguments: [
            #"{"clientId":"old","clientSecret":"s","expiresAt":"EXPIRING"}"#,
            "not json {",
            #"{"clientId":"old","expiresAt":"2030-01-01T00:00:00Z"}"#,
            #"{"clientId":"old","clientSecret":"s","expiresAt":"2030-01-01T00:00:00Z","grantTypes":["authorization_code","refresh_token"]}"#,
        ])
    func registersAgain(cached: String) async throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        let path = try registrationPath(home)
        // 14 minutes left is inside the AWS CLI's 15-minute window.
        let expiring = SSOToken.timestamp(clock.now.addingTimeInterval(14 * 60))
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(cached.replacingOccurrences(of: "EXPIRING", with: expiring).utf8).write(
            to: URL(fileURLWithPath: path))
        let transport = RecordingTransport(script: [SSODeviceLoginTests.registered, SSODeviceLoginTests.started()])
        let authorization = try await login(transport, home: home).start()
        #expect(await transport.requests.map(\.url.path) == ["/client/register", "/device_authorization"])
        #expect(authorization.clientId == "cid")
        #expect(SSOTokenCache(environment: home.environment()).loadRegistration(SSOFixtures.session)?.clientId == "cid")
    }

    @Test("a cached registration IAM Identity Center no longer knows is registered again, once")
    func refusedRegistration() async throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        let cache = SSOTokenCache(environment: home.environment())
        try cache.saveRegistration(
            SSOClientRegistration(
                clientId: "revoked", clientSecret: "s", expiresAt: clock.now.addingTimeInterval(86_400)),
            for: SSOFixtures.session)
        let transport = RecordingTransport(script: [
            SSOFixtures.oidcError("InvalidClientException", "invalid_client", status: 401),
            SSODeviceLoginTests.registered, SSODeviceLoginTests.started(),
        ])
        let authorization = try await login(transport, home: home).start()
        let requests = await transport.requests
        #expect(requests.map(\.url.path) == ["/device_authorization", "/client/register", "/device_authorization"])
        #expect(jsonBody(requests[0])["clientId"] as? String == "revoked")
        #expect(authorization.clientId == "cid" && cache.loadRegistration(SSOFixtures.session)?.clientId == "cid")
    }

    @Test("the cache key is the JSON text Python's json.dumps(sort_keys=True) writes, escapes included")
    func cacheKeyText() {
        #expect(
            SSOClientRegistration.cacheKey(for: SSOFixtures.session)
                == #"{"region": "eu-west-1", "scopes": ["sso:account:access"], "session_name": "corp", "#
                + #""startUrl": "https://corp.awsapps.com/start", "tool": "botocore"}"#)
        #expect(
            SSOClientRegistration.cacheKey(for: SSOFixtures.legacy)
                == #"{"region": "us-west-2", "scopes": null, "session_name": null, "#
                + #""startUrl": "https://legacy.awsapps.com/start", "tool": "botocore"}"#)
        #expect(SSOClientRegistration.pythonJSON("é\"\\\n😀\u{7f}") == #""\u00e9\"\\\n\ud83d\ude00\u007f""#)
    }
}
