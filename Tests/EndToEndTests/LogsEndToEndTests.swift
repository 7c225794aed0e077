import Foundation
import PodiumTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `podium logs` end to end (issue 13): lines another writer (boto3) puts into the endpoint's log group, read with
/// FilterLogEvents and a cursor, sanitised, as JSON lines, filtered, and followed without repeats.
@Suite(.serialized) struct LogsEndToEndTests {
    static let fixture = repoRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/pipeline_fixture.py").path
    static let group = "/aws/sagemaker/Endpoints/churn-dev"
    static let hostile = "\u{1B}[31mred\u{1B}[0m \u{202E}gnp.exe \u{9B}31m\u{07}bell"

    @Test func printsFiltersSanitisesAndFollowsWithACursor() async throws {
        let cli = try await CLITestWorld()
        do {
            try await run(cli)
        } catch {
            await cli.stop()
            throw error
        }
        await cli.stop()
    }

    private func run(_ cli: CLITestWorld) async throws {
        try await putLogs(cli, "hello from the model", Self.hostile, "second line")

        var r = try await cli.podium(["logs", "churn-dev", "--env", "dev"])
        #expect(r.code == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(r.stdout)")
        #expect(lines.first?.hasSuffix("AllTraffic/i-0abc hello from the model") == true, "\(r.stdout)")
        // Nothing that steers the terminal reaches it: ESC, CSI (C1), BEL and the bidi override become `?`.
        for bad: Unicode.Scalar in ["\u{1B}", "\u{9B}", "\u{07}", "\u{202E}"] {
            #expect(!r.stdout.unicodeScalars.contains(bad), "\(bad.value) reached stdout")
        }
        #expect(r.stdout.contains("?[31mred?[0m ?gnp.exe ?31m?bell"), "\(r.stdout)")

        // JSON lines: the message arrives intact once decoded, and raw invisibles never reach stdout.
        r = try await cli.podium(["logs", "churn-dev", "--env", "dev", "--json"])
        #expect(r.code == 0, "\(r.stderr)")
        let objects = r.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(
            objects.compactMap { $0["message"] as? String } == ["hello from the model", Self.hostile, "second line"])
        #expect(objects.first?["stream"] as? String == "AllTraffic/i-0abc")
        #expect(objects.first?["time"] as? String != nil)
        #expect(!r.stdout.unicodeScalars.contains("\u{202E}") && !r.stdout.unicodeScalars.contains("\u{9B}"))

        // A CloudWatch Logs filter pattern.
        r = try await cli.podium(["logs", "churn-dev", "--env", "dev", "--filter", "second"])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 1 && r.stdout.contains("second line"), "\(r.stdout)")

        // Follow: the old lines once, then a new one, never a repeat.
        let follower = try ProcessRunner.start(
            CLITestWorld.podium, ["logs", "churn-dev", "--env", "dev", "--follow", "--config", cli.configPath],
            environment: cli.environment)
        defer { kill(follower.pid, SIGTERM) }
        #expect(await waitFor { follower.stdoutSoFar.contains("second line") }, "\(follower.stderrSoFar)")
        try await putLogs(cli, "third line")
        #expect(await waitFor { follower.stdoutSoFar.contains("third line") }, "\(follower.stderrSoFar)")
        kill(follower.pid, SIGTERM)
        let followed = await follower.wait()
        #expect(followed.stdout.components(separatedBy: "hello from the model").count == 2, "\(followed.stdout)")
        #expect(followed.stdout.components(separatedBy: "second line").count == 2, "\(followed.stdout)")

        // An endpoint that has never logged: a clear error naming the group, exit 2.
        r = try await cli.podium(["logs", "churn-prod", "--env", "prod"])
        #expect(r.code == 2, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stderr.contains("log group /aws/sagemaker/Endpoints/churn-prod does not exist"), "\(r.stderr)")
        r = try await cli.podium(["logs", "churn-dev", "--env", "dev", "--since", "soon"])
        #expect(r.code == 2 && r.stderr.contains("--since soon is not a duration"), "\(r.stderr)")
    }

    private func putLogs(_ cli: CLITestWorld, _ messages: String...) async throws {
        let r = try await ProcessRunner.run(
            pythonPath.path,
            [
                Self.fixture, cli.emulator.endpoint.absoluteString, "put-logs", "111111111111", "us-east-1", Self.group,
                "AllTraffic/i-0abc",
            ] + messages,
            environment: cli.environment)
        guard r.code == 0 else { throw CLIWorldError("put-logs failed: \(r.stderr)") }
    }

    /// Polls `condition` every 50 ms until it holds or 15 s pass.
    private func waitFor(_ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }
}
