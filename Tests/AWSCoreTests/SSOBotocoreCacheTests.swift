import Foundation
import PodiumTestSupport
import Testing

@testable import AWSCore

/// The token cache shared with botocore, checked against botocore itself (`.venv/bin/python`): its own
/// `SSOTokenLoader` writes a token podium reads, and botocore's `SSOTokenProvider` reads the token podium wrote
/// (file name, JSON keys and timestamps, from its own reading of `~/.aws/config`).
@Suite("SSO token cache shared with botocore")
struct SSOBotocoreCacheTests {
    /// Runs a Python snippet with botocore, HOME at `home`, and returns its stdout.
    func botocore(_ script: String, home: ConfigTempDirectory) async throws -> String {
        let result = try await ProcessRunner.run(
            pythonPath.path, ["-c", script],
            environment: ["HOME": home.path, "PATH": "/usr/bin:/bin", "AWS_CONFIG_FILE": home.path + "/.aws/config"])
        guard result.code == 0 else {
            Issue.record("python failed (\(result.code)): \(result.stderr)")
            return ""
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a token botocore's SSOTokenLoader saved (sso-session and legacy) is read by podium")
    func botocoreWritesPodiumReads() async throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        let script = """
            import os
            from botocore.tokens import _sso_json_dumps
            from botocore.utils import JSONFileCache, SSOTokenLoader
            from datetime import datetime, timezone
            cache = JSONFileCache(os.path.expanduser("~/.aws/sso/cache"), dumps_func=_sso_json_dumps)
            loader = SSOTokenLoader(cache=cache)
            loader.save_token("\(SSOFixtures.startURL)", {
                "startUrl": "\(SSOFixtures.startURL)", "region": "eu-west-1", "accessToken": "from-botocore",
                "expiresAt": datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc), "clientId": "cid",
                "clientSecret": "cs", "registrationExpiresAt": "2030-03-01T00:00:00Z", "refreshToken": "rt"},
                session_name="corp")
            loader.save_token("https://legacy.awsapps.com/start", {
                "startUrl": "https://legacy.awsapps.com/start", "region": "us-west-2",
                "accessToken": "legacy-from-botocore", "expiresAt": "2030-01-02T03:04:05UTC"})
            print("ok")
            """
        #expect(try await botocore(script, home: home) == "ok")
        let cache = SSOTokenCache(environment: home.environment())
        let token = try cache.load(SSOFixtures.session)
        #expect(token.accessToken == "from-botocore" && token.refreshToken == "rt" && token.clientId == "cid")
        #expect(token.expiresAt == Date(timeIntervalSince1970: 1_893_553_445))
        #expect(token.registrationExpiresAt == Date(timeIntervalSince1970: 1_898_553_600))
        let legacy = try cache.load(SSOFixtures.legacy)
        #expect(legacy.accessToken == "legacy-from-botocore" && legacy.expiresAt == token.expiresAt)
    }

    @Test("a token podium saved is what botocore's SSOTokenProvider and SSOTokenLoader load for the profile")
    func podiumWritesBotocoreReads() async throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        try home.write(".aws/config", SSOFixtures.config)
        let cache = SSOTokenCache(environment: home.environment())
        let expiry = Date(timeIntervalSince1970: 1_893_553_445)  // 2030-01-02T03:04:05Z
        try cache.save(
            SSOToken(
                startURL: SSOFixtures.startURL, region: "eu-west-1", accessToken: "from-podium", expiresAt: expiry,
                clientId: "cid", clientSecret: "cs", registrationExpiresAt: expiry, refreshToken: "rt"),
            forKey: "corp")
        try cache.save(
            SSOToken(
                startURL: SSOFixtures.legacy.startURL, region: "us-west-2", accessToken: "legacy-from-podium",
                expiresAt: expiry),
            forKey: SSOFixtures.legacy.startURL)
        let script = """
            import os
            import botocore.session
            from botocore.tokens import SSOTokenProvider
            from botocore.utils import JSONFileCache, SSOTokenLoader
            token = SSOTokenProvider(botocore.session.Session(profile="dev")).load_token().get_frozen_token()
            print(token.token, token.expiration.isoformat())
            loader = SSOTokenLoader(cache=JSONFileCache(os.path.expanduser("~/.aws/sso/cache")))
            legacy = loader("https://legacy.awsapps.com/start")
            print(legacy["accessToken"], legacy["expiresAt"], sorted(legacy))
            """
        let lines = try await botocore(script, home: home).split(separator: "\n").map(String.init)
        #expect(lines.first == "from-podium 2030-01-02T03:04:05+00:00")
        #expect(
            lines.last == "legacy-from-podium 2030-01-02T03:04:05Z ['accessToken', 'expiresAt', 'region', 'startUrl']")
    }

    @Test(
        "client registrations are shared with the AWS CLI: its cached one is reused by podium login, podium's is found by it"
    )
    func registrationShared() async throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        let cache = SSOTokenCache(environment: home.environment())
        try cache.saveRegistration(
            SSOClientRegistration(
                clientId: "podium-cid", clientSecret: "podium-cs", expiresAt: Date(timeIntervalSince1970: 1_893_553_445)
            ),
            for: SSOFixtures.legacy)
        // The AWS CLI v2 keeps the device flow in its own copy of botocore (BaseSSOTokenFetcher, absent from the
        // botocore installed here): a registration is the RegisterClient answer with `expiresAt`, stored with
        // botocore's JSONFileCache and `_sso_json_dumps` under the SHA-1 of json.dumps(sort_keys=True) of tool,
        // startUrl, region, scopes and session_name. `key` restates that rule; everything else is botocore's code.
        let script = """
            import hashlib, json, os
            from datetime import datetime, timezone
            from botocore.tokens import _sso_json_dumps
            from botocore.utils import JSONFileCache
            def key(start_url, region, scopes, session_name):
                args = {"tool": "botocore", "startUrl": start_url, "region": region, "scopes": scopes,
                        "session_name": session_name}
                return hashlib.sha1(json.dumps(args, sort_keys=True).encode("utf-8")).hexdigest()
            cache = JSONFileCache(os.path.expanduser("~/.aws/sso/cache"), dumps_func=_sso_json_dumps)
            podium = cache[key("https://legacy.awsapps.com/start", "us-west-2", None, None)]
            print(podium["clientId"], podium["expiresAt"], sorted(podium))
            cache[key("\(SSOFixtures.startURL)", "eu-west-1", ["sso:account:access"], "corp")] = {
                "clientId": "botocore-cid", "clientSecret": "botocore-cs",
                "expiresAt": datetime(2030, 1, 1, tzinfo=timezone.utc), "scopes": ["sso:account:access"]}
            print(key("https://ü.example/start?q=\\"x\\"", "eu-west-1", None, None))
            print(key("https://corp.awsapps.com/start", "eu-west-1", ["sso:account:access", "x:y"], "my session"))
            """
        let lines = try await botocore(script, home: home).split(separator: "\n").map(String.init)
        try #require(lines.count == 3)
        #expect(lines[0] == "podium-cid 2030-01-02T03:04:05Z ['clientId', 'clientSecret', 'expiresAt']")
        let odd = SSOConfiguration(
            profileName: "p", sessionName: nil, startURL: "https://ü.example/start?q=\"x\"", region: "eu-west-1")
        #expect(SSOTokenCache.hashedKey(SSOClientRegistration.cacheKey(for: odd)) == lines[1])
        let scoped = SSOConfiguration(
            profileName: "p", sessionName: "my session", startURL: SSOFixtures.startURL, region: "eu-west-1",
            registrationScopes: ["sso:account:access", "x:y"])
        #expect(SSOTokenCache.hashedKey(SSOClientRegistration.cacheKey(for: scoped)) == lines[2])

        // podium login starts the device authorization with the CLI's registration: no RegisterClient.
        let transport = RecordingTransport(script: [SSODeviceLoginTests.started()])
        let clock = AuthTestClock()
        let authorization = try await SSODeviceLogin(
            configuration: SSOFixtures.session, access: SSOFixtures.access(transport), cache: cache,
            now: clock.function, sleeper: ClockAdvancingSleeper(clock: clock)
        ).start()
        let requests = await transport.requests
        #expect(requests.map(\.url.path) == ["/device_authorization"])
        #expect(jsonBody(requests[0])["clientId"] as? String == "botocore-cid")
        #expect(jsonBody(requests[0])["clientSecret"] as? String == "botocore-cs")
        #expect(authorization.registrationExpiresAt == Date(timeIntervalSince1970: 1_893_456_000))
    }
}
