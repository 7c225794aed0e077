import Foundation
import PodiumTestSupport
import Testing

@testable import AWSCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// SSO against the emulator over real HTTP: a refresh at the window, then role credentials that STS accepts in
/// the account; and an expired refresh token giving the sign-in error.
@Suite("SSO end to end against the emulator", .serialized)
struct SSOEmulatorTests {
    /// Mints a registration and tokens through the emulator's control API (what a finished sign-in leaves).
    static func mint(_ emulator: EmulatorProcess) async throws -> [String: Any] {
        var request = URLRequest(url: emulator.endpoint.appendingPathComponent("_podium/sso/tokens"))
        request.httpMethod = "POST"
        request.httpBody = Data("{}".utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func control(_ emulator: EmulatorProcess, _ path: String) async throws {
        var request = URLRequest(url: emulator.endpoint.appendingPathComponent(path))
        request.httpMethod = "POST"
        _ = try await URLSession.shared.data(for: request)
    }

    /// A home with the SSO config and a cached token `minted` by the emulator, expiring `seconds` after `now`.
    static func home(minted: [String: Any], expiresIn seconds: TimeInterval, now: Date) throws -> ConfigTempDirectory {
        let home = try ConfigTempDirectory()
        try home.write(".aws/config", SSOFixtures.config)
        try SSOTokenCache(environment: home.environment()).save(
            SSOToken(
                startURL: SSOFixtures.startURL, region: "eu-west-1",
                accessToken: minted["accessToken"] as? String ?? "",
                expiresAt: now.addingTimeInterval(seconds), clientId: minted["clientId"] as? String,
                clientSecret: minted["clientSecret"] as? String, registrationExpiresAt: now.addingTimeInterval(86_400),
                refreshToken: minted["refreshToken"] as? String),
            forKey: "corp")
        return home
    }

    @Test(
        "12 minutes left: the profile refreshes the token, writes it back, and its role credentials work in 111111111111"
    )
    func refreshAtTheWindow() async throws {
        let emulator = try await EmulatorProcess.start()
        let clock = AuthTestClock(Date())
        let minted = try await Self.mint(emulator)
        let home = try Self.home(minted: minted, expiresIn: 12 * 60, now: clock.now)
        defer { home.remove() }
        do {
            let factory = CredentialProviderFactory(
                environment: home.environment(["AWS_ENDPOINT_URL": emulator.endpoint.absoluteString]),
                now: clock.function)
            let provider = factory.makeProvider(.profile("dev"))
            let credentials = try await provider.getCredentials()
            let cached = try SSOTokenCache(environment: home.environment()).load(SSOFixtures.session)
            #expect(cached.accessToken != minted["accessToken"] as? String)
            #expect(cached.refreshToken != nil && cached.refreshToken != minted["refreshToken"] as? String)
            #expect(cached.expiresAt > clock.now.addingTimeInterval(3000))
            let operations = try await emulator.requests().map { "\($0.service) \($0.operation) \($0.status)" }
            #expect(operations == ["sso-oauth CreateToken 200", "awsssoportal GetRoleCredentials 200"])

            let sts = STSClient(region: "us-east-1", credentials: credentials, endpoint: emulator.endpoint)
            #expect(try await sts.getCallerIdentity().account == "111111111111")
            // Cached until the role credentials are due: a second call asks nothing of SSO.
            _ = try await provider.getCredentials()
            #expect(try await emulator.requests().count == 3)
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    @Test("an expired refresh token in the mandatory window: a sign-in-needed error that names podium login")
    func expiredRefreshToken() async throws {
        let emulator = try await EmulatorProcess.start()
        let clock = AuthTestClock(Date())
        let minted = try await Self.mint(emulator)
        let home = try Self.home(minted: minted, expiresIn: 5 * 60, now: clock.now)
        defer { home.remove() }
        do {
            try await Self.control(emulator, "_podium/sso/expire-refresh-tokens")
            let factory = CredentialProviderFactory(
                environment: home.environment(["AWS_ENDPOINT_URL": emulator.endpoint.absoluteString]),
                now: clock.function)
            await #expect {
                try await factory.makeProvider(.profile("dev")).getCredentials()
            } throws: { error in
                guard let needed = (error as? SSOError)?.signInRequired else { return false }
                let text = "\(error)"
                return needed.reason == .refreshRefused(code: "InvalidGrantException")
                    && text.contains("podium login --profile dev") && text.contains("aws sso login --profile dev")
                    && !text.lowercased().contains("connect")
            }
            // Through a client, the same sign-in reaches the caller typed (never blamed on the network).
            let client = AWSClient(
                region: "us-east-1", credentialProvider: factory.makeProvider(.profile("dev")),
                endpoints: .url(emulator.endpoint), readOnly: true)
            await #expect {
                try await client.sts.getCallerIdentity()
            } throws: { error in
                guard case AWSClientError.signInRequired(_, let operation, let needed) = error else { return false }
                return operation == "GetCallerIdentity" && needed.profile == "dev"
                    && needed.reason == .refreshRefused(code: "InvalidGrantException")
                    && !(error as? AWSClientError)!.isUnreachable
            }
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    @Test("two profiles of one sso-session in the mandatory window refresh once and both get credentials")
    func oneRefreshPerSession() async throws {
        let emulator = try await EmulatorProcess.start()
        let clock = AuthTestClock(Date())
        let minted = try await Self.mint(emulator)
        let home = try Self.home(minted: minted, expiresIn: 8 * 60, now: clock.now)
        defer { home.remove() }
        do {
            try home.write(
                ".aws/config",
                SSOFixtures.config
                    + "\n[profile prod]\nsso_session = corp\nsso_account_id = 333333333333\nsso_role_name = Deployer\n")
            let factory = CredentialProviderFactory(
                environment: home.environment(["AWS_ENDPOINT_URL": emulator.endpoint.absoluteString]),
                now: clock.function)
            async let dev = factory.makeProvider(.profile("dev")).getCredentials()
            async let prod = factory.makeProvider(.profile("prod")).getCredentials()
            let (devKeys, prodKeys) = try await (dev, prod)
            #expect(devKeys.accessKeyId != prodKeys.accessKeyId)
            let operations = try await emulator.requests().map { "\($0.operation) \($0.status)" }
            #expect(operations.filter { $0.hasPrefix("CreateToken") } == ["CreateToken 200"])
            #expect(operations.filter { $0.hasPrefix("GetRoleCredentials") }.count == 2)

            // When the session ends, each profile's error names that profile (the token provider is shared).
            try await Self.control(emulator, "_podium/sso/revoke-access-tokens")
            for name in ["dev", "prod"] {
                let fresh = CredentialProviderFactory(
                    environment: home.environment(["AWS_ENDPOINT_URL": emulator.endpoint.absoluteString]),
                    now: clock.function)
                await #expect {
                    try await fresh.makeProvider(.profile(name)).getCredentials()
                } throws: { error in
                    (error as? SSOError)?.signInRequired?.profile == name
                        && "\(error)".contains("podium login --profile \(name)")
                }
            }
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }
}
