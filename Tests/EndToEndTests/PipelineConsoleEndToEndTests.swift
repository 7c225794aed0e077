import Foundation
import PodiumTestSupport
import Testing

/// The pipeline screen (issue 13) in the real console and watch mode: `podium` in tmux against the emulator, with
/// preprod's endpoint owned by a stack on v1 while v2 is the latest Approved and dev has no endpoint at all, so
/// the ledger raises "approved, not deployed" for both (as `podium drift` does in `DriftEndToEndTests`). Then `L`
/// on the dashboard follows churn-dev's log group, written by boto3 (filter, pause on scroll, follow, Esc).
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

        // L on the dashboard's first endpoint (churn-dev): its log group, written by another writer (boto3).
        try await putLogs(cli, "hello from the model", LogsEndToEndTests.hostile, "second line")
        try console.sendKeys("g")
        try console.sendKeys("L")
        var logs = try await console.waitUntil("the log view following", timeout: .seconds(20)) {
            $0.contains("Logs · dev/churn-dev") && $0.contains("following") && $0.contains("second line")
        }
        #expect(logs.contains("hello from the model"))
        // The frame buffer's sanitiser: escape sequences removed, C1 controls dropped, the bidi override shown.
        #expect(logs.contains("red <U+202E>gnp.exe bell"), "hostile line sanitised: \(logs)")
        for bad: Unicode.Scalar in ["\u{1B}", "\u{9B}", "\u{07}", "\u{202E}"] {
            #expect(!logs.unicodeScalars.contains(bad), "\(bad.value) reached the pane")
        }
        // `/` filters as it is typed; Esc clears it.
        try console.sendKeys("/")
        try console.sendText("second")
        _ = try await console.waitFor(text: "filter \"second\" 1/3")
        try console.sendKeys("Escape")
        _ = try await console.waitUntil("the filter cleared") { !$0.contains("filter \"second\"") }
        // Scrolling up pauses: a new line is counted, not shown, until f follows again.
        try console.sendKeys("k")
        _ = try await console.waitFor(text: "paused · 0 new")
        try await putLogs(cli, "fourth line")
        _ = try await console.waitFor(text: "paused · 1 new", timeout: .seconds(20))
        try console.sendKeys("f")
        logs = try await console.waitUntil("following again") { $0.contains("following") && $0.contains("fourth line") }
        // Esc closes the log view.
        try console.sendKeys("Escape")
        _ = try await console.waitUntil("the dashboard again") { !$0.contains("Logs · ") && $0.contains("churn-dev") }
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

    private func putLogs(_ cli: CLITestWorld, _ messages: String...) async throws {
        let r = try await ProcessRunner.run(
            pythonPath.path,
            [
                LogsEndToEndTests.fixture, cli.emulator.endpoint.absoluteString, "put-logs", "111111111111",
                "us-east-1", LogsEndToEndTests.group, "AllTraffic/i-0abc",
            ] + messages,
            environment: cli.environment)
        guard r.code == 0 else { throw CLIWorldError("put-logs failed: \(r.stderr)") }
    }
}
