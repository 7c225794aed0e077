import Foundation
import PodiumTestSupport
import Testing

/// The result of one `podium` run.
typealias CLIResult = ProcessResult

/// An emulator, temporary HOME/XDG directories, a config file, and helpers to run the real `podium` binary
/// (`.build/debug/podium`) and the boto3 fixture script against them.
final class CLITestWorld: Sendable {
    let emulator: EmulatorProcess
    let directory: URL
    let configPath: String

    /// `PODIUM_TEST_BINARY` runs the tests against another build (e.g. the one before a fix, to see them fail).
    static let podium =
        ProcessInfo.processInfo.environment["PODIUM_TEST_BINARY"]
        ?? repoRoot.appendingPathComponent(".build/debug/podium").path
    static let fixture = repoRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/cli_fixture.py").path

    /// The standard two-environment config: dev (111111111111, us-east-1) → prod (333333333333, eu-west-1).
    static func config(
        prodGate: String? = "{ requires: dev, healthy_for: 1s }", prodStrategy: String = "all_at_once",
        extraProd: String = ""
    ) -> String {
        """
        refresh: { registry: 30s, health: 15s }
        metrics_window: 60m
        registry: { region: us-east-1 }
        environments:
          - name: dev
            region: us-east-1
            credentials: { role_arn: arn:aws:iam::111111111111:role/podium-promoter }
            execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec
            endpoints:
              - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
          - name: prod
            region: eu-west-1
            credentials: { role_arn: arn:aws:iam::333333333333:role/podium-promoter, external_id: podium-test }
            execution_role_arn: arn:aws:iam::333333333333:role/sagemaker-exec
        \(prodGate.map { "    gate: \($0)" } ?? "")
            confirm: typed
            deployment:
              strategy: \(prodStrategy)
        \(extraProd)
            endpoints:
              - { name: churn-prod, model_package_group: churn, instance_type: ml.m5.xlarge, instance_count: 2 }
        """
    }

    init(config: String = CLITestWorld.config(), seedRegistry: Bool = true) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.podium) else {
            throw CLIWorldError(
                "podium binary not built at \(Self.podium); run `swift build --product podium` (make test does)")
        }
        emulator = try await EmulatorProcess.start()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-cli-\(UUID().uuidString)")
        for sub in ["home", "state", "xdg-config"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        configPath = directory.appendingPathComponent("podium.yaml").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        if seedRegistry {
            let seeded = try await fixture("registry")
            guard seeded.code == 0 else {
                await emulator.stop()
                throw CLIWorldError("seeding failed: \(seeded.stderr)")
            }
        }
    }

    func stop() async {
        await emulator.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    var environment: [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": directory.appendingPathComponent("home").path,
            "XDG_STATE_HOME": directory.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": directory.appendingPathComponent("xdg-config").path,
            "AWS_ENDPOINT_URL": emulator.endpoint.absoluteString,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": "us-east-1",
            "PODIUM_POLL_INTERVAL": "100ms",
        ]
    }

    var auditPath: String { directory.appendingPathComponent("state/podium/audit.jsonl").path }

    /// Runs `podium <arguments> --config <world config>` with no terminal on stdin.
    func podium(_ arguments: [String], extraEnvironment: [String: String] = [:], config: Bool = true) async throws
        -> CLIResult
    {
        var env = environment
        for (key, value) in extraEnvironment { env[key] = value }
        return try await Self.run(Self.podium, arguments + (config ? ["--config", configPath] : []), environment: env)
    }

    /// Runs the boto3 fixture script.
    func fixture(_ arguments: String...) async throws -> CLIResult {
        try await Self.run(
            pythonPath.path, [Self.fixture, emulator.endpoint.absoluteString] + arguments, environment: environment)
    }

    /// Runs a fixture command that prints JSON and decodes it.
    func fixtureJSON(_ arguments: String...) async throws -> [String: Any] {
        let result = try await Self.run(
            pythonPath.path, [Self.fixture, emulator.endpoint.absoluteString] + arguments, environment: environment)
        guard result.code == 0,
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        else { throw CLIWorldError("fixture \(arguments) failed: \(result.stderr)") }
        return object
    }

    /// `podium status --json` for one environment, as dictionaries.
    func status(_ env: String) async throws -> [[String: Any]] {
        let result = try await podium(["status", "--env", env, "--json"])
        guard result.code == 0,
            let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        else { throw CLIWorldError("status failed (\(result.code)): \(result.stderr)") }
        return list
    }

    /// The audit records as dictionaries.
    func audit() async throws -> [[String: Any]] {
        let result = try await podium(["audit", "--json"])
        guard result.code == 0,
            let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        else { throw CLIWorldError("audit failed: \(result.stderr)") }
        return list
    }

    /// Runs a process to completion without blocking a cooperative thread; output goes through files.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) async throws
        -> CLIResult
    {
        try await ProcessRunner.run(executable, arguments, environment: environment)
    }
}

/// A setup failure of the CLI test world.
struct CLIWorldError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
