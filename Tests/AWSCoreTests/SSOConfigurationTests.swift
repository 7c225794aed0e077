import Foundation
import Testing

@testable import AWSCore

/// `sso_session` and legacy profiles, resolved as botocore's `SSOProvider` does.
@Suite("SSO profile configuration")
struct SSOConfigurationTests {
    func store(_ config: String) throws -> AWSProfileStore {
        try AWSProfileStore.load(from: inMemoryEnvironment(files: ["/home/tester/.aws/config": config]))
    }

    func resolve(_ profile: String, _ config: String = SSOFixtures.config) throws -> SSOConfiguration? {
        let store = try store(config)
        return try SSOConfiguration.resolve(profile: try store.requireProfile(profile), store: store)
    }

    @Test("an sso_session profile takes the session's start URL, region and default scope; the cache key is the name")
    func sessionProfile() throws {
        let configuration = try #require(try resolve("dev"))
        #expect(
            configuration
                == SSOConfiguration(
                    profileName: "dev", sessionName: "corp", startURL: SSOFixtures.startURL, region: "eu-west-1",
                    registrationScopes: ["sso:account:access"], accountId: "111111111111", roleName: "PodiumPromoter",
                    file: "/home/tester/.aws/config"))
        #expect(configuration.cacheKey == "corp")
    }

    @Test("a legacy profile keys its cache by start URL and registers no scopes")
    func legacyProfile() throws {
        let configuration = try #require(try resolve("old"))
        #expect(configuration.sessionName == nil)
        #expect(configuration.cacheKey == "https://legacy.awsapps.com/start")
        #expect(configuration.registrationScopes.isEmpty)
        #expect(configuration.region == "us-west-2")
    }

    @Test("sso_registration_scopes is a comma-separated list")
    func scopes() throws {
        let config = SSOFixtures.config + "\nsso_registration_scopes = sso:account:access, codecatalyst:read_write\n"
        #expect(try resolve("dev", config)?.registrationScopes == ["sso:account:access", "codecatalyst:read_write"])
    }

    @Test("a profile and its session that disagree is an error naming both values and the session")
    func conflict() throws {
        let config = SSOFixtures.config.replacingOccurrences(
            of: "sso_session = corp\n", with: "sso_session = corp\nsso_region = us-east-2\n")
        #expect {
            try resolve("dev", config)
        } throws: { error in
            guard case CredentialProviderError.invalidProfile(let profile, _, let reason) = error else { return false }
            return profile == "dev" && reason.contains("sso_region is \"us-east-2\" in the profile")
                && reason.contains("\"eu-west-1\" in [sso-session corp]")
        }
        // The same value in both places is no conflict.
        let agreeing = SSOFixtures.config.replacingOccurrences(
            of: "sso_session = corp\n", with: "sso_session = corp\nsso_region = eu-west-1\n")
        #expect(try resolve("dev", agreeing)?.region == "eu-west-1")
    }

    @Test("a missing session section or a missing sso_region is a clear configuration error")
    func missingPieces() throws {
        #expect {
            try resolve(
                "dev", SSOFixtures.config.replacingOccurrences(of: "[sso-session corp]", with: "[sso-session x]"))
        } throws: { error in
            "\(error)".contains("sso_session \"corp\" names no [sso-session corp] section")
        }
        #expect {
            try resolve("dev", SSOFixtures.config.replacingOccurrences(of: "sso_region = eu-west-1", with: ""))
        } throws: { error in
            guard case CredentialProviderError.incompleteProfile(_, _, let missing) = error else { return false }
            return missing.hasPrefix("sso_region")
        }
    }

    @Test("a profile with neither sso_session nor sso_start_url nor a role is not an SSO profile")
    func notSSO() throws {
        #expect(try resolve("plain", "[profile plain]\nregion = us-east-1\n") == nil)
    }

    @Test("the chain picks SSO for a profile with sso_account_id; sso_session alone is reported incomplete")
    func factoryWiring() async throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        try home.write(".aws/config", SSOFixtures.config + "\n[profile tokenonly]\nsso_session = corp\n")
        let factory = CredentialProviderFactory(
            environment: home.environment(["AWS_ENDPOINT_URL": "http://127.0.0.1:9"]),
            transport: RecordingTransport())
        await #expect {
            try await factory.makeProvider(.profile("tokenonly")).getCredentials()
        } throws: { error in
            "\(error)".contains("sso_account_id and sso_role_name")
        }
        // No token cached yet: the error asks for a sign-in and names the file botocore would read.
        await #expect {
            try await factory.makeProvider(.profile("dev")).getCredentials()
        } throws: { error in
            guard let needed = (error as? SSOError)?.signInRequired else { return false }
            return needed.profile == "dev" && needed.description.contains("podium login --profile dev")
                && needed.reason
                    == .noCachedToken(path: "\(home.path)/.aws/sso/cache/\(SSOTokenCache.hashedKey("corp")).json")
        }
    }
}
