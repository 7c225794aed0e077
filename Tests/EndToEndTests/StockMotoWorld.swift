import Foundation
import PodiumTestSupport
import Testing

/// Unpatched moto 5.2.1, temporary HOME/XDG directories and a config, for running the real `podium` binary
/// against a stand-in for AWS nobody here wrote. Seeding and checks go through boto3 (`cli_fixture.py`, which
/// needs nothing but stock moto: cross-account calls AssumeRole into the environment's account).
final class StockMotoWorld: Sendable {
    let moto: StockMotoProcess
    let directory: URL
    let configPath: String

    /// dev (111111111111, us-east-1) with `churn-dev` watched by one alarm; prod (333333333333, eu-west-1) not
    /// deployed. No gate: stock moto has no metrics podium can read (its GetMetricData fails on percentiles).
    static let config = """
        refresh: { registry: 30s, health: 15s }
        metrics_window: 60m
        registry: { region: us-east-1 }
        environments:
          - name: dev
            region: us-east-1
            credentials: { role_arn: arn:aws:iam::111111111111:role/podium-promoter }
            execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec
            endpoints:
              - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1,
                  alarms: [churn-dev-5xx] }
          - name: prod
            region: eu-west-1
            credentials: { role_arn: arn:aws:iam::333333333333:role/podium-promoter }
            execution_role_arn: arn:aws:iam::333333333333:role/sagemaker-exec
            confirm: typed
            endpoints:
              - { name: churn-prod, model_package_group: churn, instance_type: ml.m5.xlarge, instance_count: 2 }
        """

    private init(moto: StockMotoProcess) throws {
        self.moto = moto
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-stock-\(UUID().uuidString)")
        for sub in ["home", "state", "xdg-config"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        configPath = directory.appendingPathComponent("podium.yaml").path
        try Self.config.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Runs `body` with a seeded world (group `churn`: v1, v2 Approved, v3 Pending; alarm `churn-dev-5xx` in dev)
    /// and always stops the server.
    static func with(_ body: (StockMotoWorld) async throws -> Void) async throws {
        guard FileManager.default.isExecutableFile(atPath: CLITestWorld.podium) else {
            throw CLIWorldError("podium binary not built at \(CLITestWorld.podium); make test builds it")
        }
        let moto = try await StockMotoProcess.start()
        let world: StockMotoWorld
        do {
            world = try StockMotoWorld(moto: moto)
            for seed in [["registry"], ["alarm", "111111111111", "us-east-1", "churn-dev-5xx"]] {
                let seeded = try await world.fixture(seed)
                guard seeded.code == 0 else { throw CLIWorldError("seeding \(seed) failed: \(seeded.stderr)") }
            }
        } catch {
            await moto.stop()
            throw error
        }
        do {
            try await body(world)
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    func stop() async {
        await moto.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    var environment: [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": directory.appendingPathComponent("home").path,
            "XDG_STATE_HOME": directory.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": directory.appendingPathComponent("xdg-config").path,
            "AWS_ENDPOINT_URL": moto.endpoint.absoluteString,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": "us-east-1",
            "PODIUM_POLL_INTERVAL": "100ms",
        ]
    }

    /// Runs `podium <arguments> --config <world config>` with no terminal on stdin.
    func podium(_ arguments: [String]) async throws -> CLIResult {
        try await CLITestWorld.run(CLITestWorld.podium, arguments + ["--config", configPath], environment: environment)
    }

    /// Runs `podium … --json` and decodes its standard output.
    func podiumJSON(_ arguments: [String]) async throws -> Any {
        let result = try await podium(arguments + ["--json"])
        guard result.code == 0, let value = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) else {
            throw CLIWorldError("podium \(arguments) --json failed (\(result.code)): \(result.stderr)")
        }
        return value
    }

    /// Runs the boto3 fixture script against the stock server.
    func fixture(_ arguments: [String]) async throws -> CLIResult {
        try await CLITestWorld.run(
            pythonPath.path, [CLITestWorld.fixture, moto.endpoint.absoluteString] + arguments, environment: environment)
    }

    /// A fixture command that prints a JSON object, decoded.
    func fixtureJSON(_ arguments: String...) async throws -> [String: Any] {
        let result = try await fixture(arguments)
        guard result.code == 0,
            let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        else { throw CLIWorldError("fixture \(arguments) failed: \(result.stderr)") }
        return object
    }

    /// `podium` in a tmux pane (for watch mode), with the world's environment.
    func launch(_ arguments: [String], width: Int = 150, height: Int = 45) throws -> TmuxSession {
        try TmuxSession.start(
            command: [CLITestWorld.podium] + arguments + ["--config", configPath], width: width, height: height,
            environment: environment, workingDirectory: directory)
    }
}
