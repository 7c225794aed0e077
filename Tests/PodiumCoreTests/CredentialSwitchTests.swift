import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// `PodiumSession.switchCredentials` (`:profile`) on a recording transport: each profile signs with its own
/// access key, and STS answers with the account that key belongs to.
@Suite("Credential switch")
struct CredentialSwitchTests {
    /// Profile → (account, role) its credentials land in.
    static let profiles: [String: (account: String, role: String)] = [
        "prod-ro": ("333333333333", "podium-readonly"),
        "prod-promoter": ("333333333333", "podium-promoter"),
        "dev-admin": ("111111111111", "admin"),
    ]

    /// Signs each profile's requests with `AK-<profile>` (the default chain with `AK-default`).
    struct ProfileFactory: AWSClientFactory {
        let transport: RecordingTransport

        func makeClient(region: String, credentials: CredentialsConfig, readOnly: Bool) throws -> AWSClient {
            AWSClient(
                region: region,
                credentialProvider: AWSClient.FixedCredentials(
                    AWSCredentials(accessKeyId: "AK-" + (credentials.profile ?? "default"), secretAccessKey: "s")),
                endpoints: .url(URL(string: "https://aws.test")!), transport: transport, readOnly: readOnly,
                sleeper: ScriptedAWS.NoSleep())
        }

        func profileNames() throws -> [String]? { CredentialSwitchTests.profiles.keys.sorted() }
    }

    /// The access key a request was signed with.
    static func accessKey(_ request: HTTPRequest) -> String {
        guard let auth = request.header("Authorization"), let start = auth.range(of: "Credential=") else { return "" }
        return String(auth[start.upperBound...].prefix { $0 != "/" })
    }

    /// A session with dev (role in 111111111111) and prod (`profile: prod-ro`, execution role in 333333333333).
    static func session(_ aws: ScriptedAWS, prodAccountInConfig: Bool = true) throws -> PodiumSession {
        aws.on("GetCallerIdentity") { request in
            let profile = String(accessKey(request).dropFirst("AK-".count))
            let (account, role) = profiles[profile] ?? ("999999999999", "other")
            return ScriptedAWS.callerIdentity(
                arn: "arn:aws:sts::\(account):assumed-role/\(role)/alice", account: account)
        }
        let config = PodiumConfig(
            registry: RegistryConfig(region: "us-east-1", credentials: .defaultChain),
            environments: [
                EnvironmentConfig(
                    name: "dev", region: "us-east-1",
                    credentials: CredentialsConfig(roleArn: "arn:aws:iam::111111111111:role/podium-promoter")),
                EnvironmentConfig(
                    name: "prod", region: "eu-west-1", credentials: CredentialsConfig(profile: "prod-ro"),
                    executionRoleArn: prodAccountInConfig ? "arn:aws:iam::333333333333:role/sagemaker-exec" : nil),
            ])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cs-\(UUID()).jsonl").path
        return try PodiumSession(
            config: config, clientFactory: ProfileFactory(transport: aws.transport), auditLog: AuditLog(path: path),
            pollInterval: .milliseconds(1), sleep: { _ in })
    }

    static func key(of client: AWSClient) -> String? {
        (client.credentialProvider as? AWSClient.FixedCredentials)?.credentials.accessKeyId
    }

    @Test("a switch gives prod a new client and caller; dev is untouched; a reset brings the config's back")
    func switchAndReset() async throws {
        let aws = ScriptedAWS()
        let session = try Self.session(aws)
        let devBefore = try session.client(for: "dev")
        let prodBefore = try session.client(for: "prod")
        #expect(try await session.callerIdentity(environment: "prod").arn.hasSuffix("podium-readonly/alice"))

        let outcome = try await session.switchCredentials(.profile(environment: "prod", name: "prod-promoter"))
        let changed = try #require(outcome.changed)
        #expect(changed.isSwitched && changed.credentials == CredentialsConfig(profile: "prod-promoter"))
        #expect(changed.identity?.arn == "arn:aws:sts::333333333333:assumed-role/podium-promoter/alice")
        #expect(outcome.environments.map(\.isSwitched) == [false, true])
        #expect(Self.key(of: try session.client(for: "prod")) == "AK-prod-promoter")
        #expect(try session.client(for: "dev") === devBefore)
        // Audit records name the caller through this identity: the new one, not the cached old one.
        #expect(try await session.callerIdentity(environment: "prod").arn.hasSuffix("podium-promoter/alice"))
        // A call still running on the old client asks STS itself and leaves the cache as it is.
        let old = try await session.context.identity(client: prodBefore, key: "env:prod")
        #expect(old.arn.hasSuffix("podium-readonly/alice"))
        #expect(try await session.callerIdentity(environment: "prod").arn.hasSuffix("podium-promoter/alice"))

        let reset = try await session.switchCredentials(.reset(environment: "prod"))
        #expect(reset.changed?.isSwitched == false)
        #expect(try session.client(for: "prod") === prodBefore)
        #expect(try await session.callerIdentity(environment: "prod").arn.hasSuffix("podium-readonly/alice"))
    }

    @Test("a profile of another account is refused, naming both accounts; prod keeps its client")
    func wrongAccountRefused() async throws {
        let aws = ScriptedAWS()
        let session = try Self.session(aws)
        let before = try session.client(for: "prod")
        let error = await #expect(throws: PodiumError.self) {
            try await session.switchCredentials(.profile(environment: "prod", name: "dev-admin"))
        }
        #expect(error?.kind == .refused)
        #expect(error?.message.contains("account 111111111111") == true)
        #expect(error?.message.contains("333333333333") == true)
        #expect(try session.client(for: "prod") === before)
        #expect(try await session.switchCredentials(.list).environments.allSatisfy { !$0.isSwitched })
    }

    @Test("an unknown profile suggests the nearest and calls nothing")
    func unknownProfile() async throws {
        let aws = ScriptedAWS()
        let session = try Self.session(aws)
        let error = await #expect(throws: PodiumError.self) {
            try await session.switchCredentials(.profile(environment: "prod", name: "prod-promotr"))
        }
        #expect(error?.kind == .usage)
        #expect(error?.hint == "did you mean \"prod-promoter\"?")
        #expect(await aws.operations().isEmpty)
    }

    @Test("without an account in the config, the account the current credentials sign in to is kept")
    func accountFromCurrentIdentity() async throws {
        let aws = ScriptedAWS()
        let session = try Self.session(aws, prodAccountInConfig: false)
        let error = await #expect(throws: PodiumError.self) {
            try await session.switchCredentials(.profile(environment: "prod", name: "dev-admin"))
        }
        #expect(error?.message.contains("where its current credentials sign in") == true)
        #expect(Self.key(of: try session.client(for: "prod")) == "AK-prod-ro")
        let outcome = try await session.switchCredentials(.profile(environment: "prod", name: "prod-promoter"))
        #expect(outcome.changed?.isSwitched == true && outcome.notes.isEmpty)
    }
}
