import Foundation
import PodiumTestSupport
import Testing

/// The pipeline screen (issue 13) in the real console and watch mode: `podium` in tmux against the emulator, with
/// preprod's endpoint owned by a stack on v1 while v2 is the latest Approved and dev has no endpoint at all, so
/// the ledger raises "approved, not deployed" for both (as `podium drift` does in `DriftEndToEndTests`).
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
struct PipelineConsoleEndToEndTests {
    @Test("console: 5 shows the ledger with its flags and the stack; watch rotates to the pipeline page")
    func pipelineScreen() async throws {
        let cli = try await CLITestWorld(config: DriftEndToEndTests.config)
        do {
            try await run(cli)
        } catch {
            await cli.stop()
            throw error
        }
        await cli.stop()
    }

    private func run(_ cli: CLITestWorld) async throws {
        try await cli.emulator.control(
            "POST", "/_podium/config", ["stack_step_seconds": 0, "endpoint_update_seconds": 0])
        try await cli.emulator.control(
            "POST", "/_podium/stacks",
            [
                "account": "222222222222", "region": "us-east-1", "stack": "churn-preprod-stack",
                "endpoint": "churn-preprod", "model_package_arn": DriftEndToEndTests.arn(1),
                "role_arn": "arn:aws:iam::222222222222:role/sagemaker-exec", "instance_type": "ml.m5.large",
                "instance_count": 1, "parameter": "ModelPackageArn",
            ])

        let console = try TmuxSession.start(
            command: [CLITestWorld.podium, "--config", cli.configPath], width: 160, height: 40,
            environment: cli.environment)
        defer { console.kill() }
        try await console.waitFor(text: "5 Pipeline", timeout: .seconds(30))
        try console.sendKeys("5")
        let screen = try await console.waitUntil("the ledger with its flags and the machinery", timeout: .seconds(30)) {
            $0.contains("Ledger") && $0.contains("2 flagged")
                && $0.contains("dev/churn-dev: approved, not deployed: ")
                && $0.contains("preprod/churn-preprod: approved, not deployed: ")
                && $0.contains("stack churn-preprod-stack")
        }
        #expect(screen.contains("v1 CREATE_COMPLETE"), "the stack's parameter and status: \(screen)")
        if let path = ProcessInfo.processInfo.environment["PODIUM_PIPELINE_CAPTURE"] {
            try screen.write(toFile: path, atomically: true, encoding: .utf8)
        }
        // The cursor moves over the ledger rows, and Enter opens nothing.
        try console.sendKeys("j")
        try console.sendKeys("Enter")
        _ = try await console.waitFor(text: "Ledger")
        try console.sendKeys("q")
        _ = try await console.waitUntil("back on the dashboard") { $0.contains("churn-dev") && !$0.contains("Ledger") }
        console.kill()

        let watch = try TmuxSession.start(
            command: [
                CLITestWorld.podium, "watch", "--pages", "dashboard,pipeline", "--rotate", "1s", "--config",
                cli.configPath,
            ], width: 160, height: 40, environment: cli.environment)
        defer { watch.kill() }
        _ = try await watch.waitUntil("the watch wall rotated to the ledger", timeout: .seconds(30)) {
            $0.contains("Ledger") && $0.contains("approved, not deployed")
        }
    }
}
