import Foundation
import PodiumTestSupport
import Testing

/// Issue 16 item 2 in a real terminal: while `promote` waits at its `[y/N]` prompt, another operator rejects
/// the version (boto3). Answering `y` must deploy nothing: the package is described again at the moment of
/// acting, and the change is refused (exit 3) and audited as refused.
@Suite struct SafetyPromptRaceTests {
    @Test(.enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
    func aVersionRejectedWhileThePromptIsOpenIsNotDeployed() async throws {
        try await withWorld(config: CLITestWorld.config(prodGate: nil)) { world in
            let statusFile = world.directory.appendingPathComponent("exit.txt")
            let shell = "\"$0\" \"$@\"; echo $? > '\(statusFile.path)'"
            let tmux = try TmuxSession.start(
                command: ["/bin/sh", "-c", shell, CLITestWorld.podium, "promote", "churn", "2", "--to", "dev"]
                    + ["--config", world.configPath],
                width: 200, height: 50, environment: world.environment, workingDirectory: repoRoot)
            defer { tmux.kill() }
            try await tmux.waitFor(text: "Proceed with promote of churn-dev in dev? [y/N]")

            #expect(try await world.fixture("set-status", "churn", "2", "Rejected").code == 0)
            try await world.emulator.clearRequests()
            try tmux.sendKeys("y", "Enter")

            var code: Int32?
            #expect(
                try await eventually {
                    code = (try? String(contentsOf: statusFile, encoding: .utf8)).flatMap {
                        Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
                    }
                    return code != nil
                })
            let screen = try tmux.capture(scrollback: 200)
            #expect(code == 3, "\(screen)")
            #expect(screen.contains("changed since the plan: churn v2 is now Rejected"), "\(screen)")
            let writes = try await world.emulator.requests().map(\.operation).filter {
                $0.hasPrefix("Create") || $0.hasPrefix("Update") || $0 == "AddTags"
            }
            #expect(writes.isEmpty)
            let endpoints = try await world.fixtureJSON("resources", "111111111111", "us-east-1")
            #expect((endpoints["endpoints"] as? [String]) == [])
            let records = try await world.audit()
            #expect(records.map { $0["outcome"] as? String } == ["started", "refused"])
            #expect((records.last?["error"] as? String)?.contains("is now Rejected") == true)
        }
    }
}
