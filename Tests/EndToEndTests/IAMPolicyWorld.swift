import Foundation
import PodiumTestSupport

/// A moto-backed world for the least-privilege tests: a seeded registry and endpoints, IAM users whose policies
/// are the shipped files (translated for moto), and helpers to run `podium` as one of them and to read the
/// state back with an independent client (boto3, as an admin user).
///
/// One account (123456789012), one region: the policies are about actions, not accounts.
final class IAMPolicyWorld: Sendable {
    /// Access keys of one IAM user.
    struct Keys: Decodable, Sendable {
        let key: String
        let secret: String
        let arn: String
    }

    /// What the admin sees, read with boto3.
    struct State: Decodable, Sendable {
        let models: [String]
        let configs: [String]
        /// Endpoint name → its endpoint config.
        let endpoints: [String: String]
        /// Version → approval status, for group `churn`.
        let packages: [String: String]
        /// Endpoint config → its `podium:previous-endpoint-config` tag (what rollback trusts).
        let previous: [String: String]
    }

    /// An IAM user to create: its name and its inline policies.
    struct User: Sendable {
        let name: String
        let policies: [Data]

        /// A user whose inline policies are `policies` (JSON objects).
        init(_ name: String, _ policies: [[String: Any]]) {
            self.name = name
            self.policies = policies.compactMap { try? JSONSerialization.data(withJSONObject: $0) }
        }
    }

    static let podium = repoRoot.appendingPathComponent(".build/debug/podium").path
    static let fixture = repoRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/iam_policy_fixture.py").path
    /// The user `state()` reads with: every action allowed.
    static let admin = User(
        "admin", [["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Action": "*", "Resource": "*"]]]])

    let endpoint: URL
    let directory: URL
    let keys: [String: Keys]

    private init(endpoint: URL, directory: URL, keys: [String: Keys]) {
        self.endpoint = endpoint
        self.directory = directory
        self.keys = keys
    }

    /// Seeds `endpoint` (group churn v1…v5, each of `endpoints` on v1) and creates `users` plus `admin`. Run it
    /// before IAM enforcement is switched on: it uses the server's open access.
    static func make(endpoint: URL, endpoints: [String], users: [User]) async throws -> IAMPolicyWorld {
        guard FileManager.default.isExecutableFile(atPath: podium) else {
            throw IAMPolicyWorldError("podium is not built at \(podium); run `swift build --product podium`")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-iam-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let seeded = try await runFixture(endpoint, ["seed"] + endpoints, admin: nil)
        guard seeded.code == 0 else { throw IAMPolicyWorldError("seeding failed: \(seeded.stderr)") }

        let spec: [String: Any] = [
            "users": (users + [admin]).map { user in
                [
                    "name": user.name,
                    "policies": user.policies.compactMap { try? JSONSerialization.jsonObject(with: $0) },
                ]
            }
        ]
        let specURL = directory.appendingPathComponent("users.json")
        try JSONSerialization.data(withJSONObject: spec).write(to: specURL)
        let created = try await runFixture(endpoint, ["users", specURL.path], admin: nil)
        guard created.code == 0 else { throw IAMPolicyWorldError("creating IAM users failed: \(created.stderr)") }
        let keys = try JSONDecoder().decode([String: Keys].self, from: Data(created.stdout.utf8))
        return IAMPolicyWorld(endpoint: endpoint, directory: directory, keys: keys)
    }

    /// Removes the scratch directory.
    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A config with one environment, `dev`, whose only endpoint is `endpointName` (group churn).
    static func config(endpoint endpointName: String) -> String {
        """
        registry: { region: us-east-1 }
        environments:
          - name: dev
            region: us-east-1
            execution_role_arn: arn:aws:iam::123456789012:role/sagemaker-exec
            deployment: { strategy: all_at_once }
            endpoints:
              - name: \(endpointName)
                model_package_group: churn
                instance_type: ml.m5.large
                instance_count: 1
                alarms: [churn-dev-5xx]
        """
    }

    /// The environment `podium` runs with as `user`: only that user's keys, a private HOME and state directory.
    func environment(user: String) throws -> [String: String] {
        guard let keys = keys[user] else { throw IAMPolicyWorldError("no IAM user \(user)") }
        let home = directory.appendingPathComponent("home-\(user)")
        return [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path,
            "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "AWS_ENDPOINT_URL": endpoint.absoluteString,
            "AWS_ACCESS_KEY_ID": keys.key,
            "AWS_SECRET_ACCESS_KEY": keys.secret,
            "AWS_REGION": "us-east-1",
            "PODIUM_POLL_INTERVAL": "100ms",
        ]
    }

    /// Writes the config for `endpointName` and returns its path.
    func configPath(endpoint endpointName: String) throws -> String {
        let path = directory.appendingPathComponent("podium-\(endpointName).yaml").path
        if !FileManager.default.fileExists(atPath: path) {
            try Self.config(endpoint: endpointName).write(toFile: path, atomically: true, encoding: .utf8)
        }
        return path
    }

    /// Runs `podium <arguments> --config <config of endpointName>` as `user`, with no terminal.
    func podium(_ user: String, endpoint endpointName: String = "churn-dev", _ arguments: [String]) async throws
        -> ProcessResult
    {
        try await ProcessRunner.run(
            Self.podium, arguments + ["--config", try configPath(endpoint: endpointName)],
            environment: try environment(user: user))
    }

    /// The state as the admin user reads it with boto3.
    func state() async throws -> State {
        let result = try await Self.runFixture(endpoint, ["state"], admin: keys["admin"])
        guard result.code == 0 else { throw IAMPolicyWorldError("reading the state failed: \(result.stderr)") }
        return try JSONDecoder().decode(State.self, from: Data(result.stdout.utf8))
    }

    /// Tries, as `user` and with boto3 (not through podium), to rewrite the `podium:previous-endpoint-config` tag of
    /// endpoint config `config`; returns `HTTP <status>` when refused, or `tagged`.
    func forgeRollbackTag(as user: String, config: String) async throws -> String {
        guard let keys = keys[user] else { throw IAMPolicyWorldError("no IAM user \(user)") }
        let result = try await ProcessRunner.run(
            pythonPath.path, [Self.fixture, endpoint.absoluteString, "forge", config, "forged"],
            environment: [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "USER_KEY": keys.key,
                "USER_SECRET": keys.secret,
            ])
        guard result.code == 0 else { throw IAMPolicyWorldError("forge failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func runFixture(_ endpoint: URL, _ arguments: [String], admin: Keys?) async throws
        -> ProcessResult
    {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        if let admin {
            environment["ADMIN_KEY"] = admin.key
            environment["ADMIN_SECRET"] = admin.secret
        }
        return try await ProcessRunner.run(
            pythonPath.path, [fixture, endpoint.absoluteString] + arguments, environment: environment)
    }
}

/// A setup failure of the least-privilege tests.
struct IAMPolicyWorldError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
