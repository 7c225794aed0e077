import Foundation
import PodiumTestSupport
import Testing

/// `promote` and `rollback` without `--yes`, run in a real terminal (tmux): the y/N question, the typed
/// confirmation of `confirm: typed` environments, and what each answer does (refusals exit 3 and are audited).
@Suite(.serialized) struct CLIPromptTests {
    /// The world's config without a gate on prod, so prod's typed confirmation is reachable at once.
    static let ungated = CLITestWorld.config(prodGate: nil)

    /// `podium` running in a tmux pane, and the file its exit status is written to.
    ///
    /// tmux 3.3a sometimes marks a pane dead without recording the exit status (`#{pane_dead_status}` stays
    /// empty), so `TmuxSession.waitForExit` could wait forever; a shell around podium writes the status instead.
    struct Run {
        let tmux: TmuxSession
        let statusFile: URL

        /// Polls for podium's exit status until `timeout`.
        func exitCode(timeout: Duration = .seconds(30)) async throws -> Int32 {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if let text = try? String(contentsOf: statusFile, encoding: .utf8),
                    let code = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
                {
                    return code
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw TmuxSession.TmuxError.timeout(waitingFor: "podium to exit", screen: (try? transcript()) ?? "")
        }

        /// The whole pane (screen and the history above it).
        func transcript() throws -> String {
            try tmux.capture(scrollback: 200)
        }
    }

    /// Starts `podium <arguments> --config <world config>` in a tmux pane; its stdin is the pane's terminal.
    private func terminal(_ world: CLITestWorld, _ arguments: [String]) throws -> Run {
        let statusFile = world.directory.appendingPathComponent("exit-\(UUID().uuidString).txt")
        let shell = "\"$0\" \"$@\"; echo $? > '\(statusFile.path)'"
        let tmux = try TmuxSession.start(
            command: ["/bin/sh", "-c", shell, CLITestWorld.podium] + arguments + ["--config", world.configPath],
            width: 200, height: 50, environment: world.environment, workingDirectory: repoRoot)
        return Run(tmux: tmux, statusFile: statusFile)
    }

    /// The operations that change something, from the emulator's request log.
    private func writes(_ world: CLITestWorld) async throws -> [String] {
        try await world.emulator.requests().map(\.operation).filter {
            $0.hasPrefix("Create") || $0.hasPrefix("Update") || $0.hasPrefix("Delete")
        }
    }

    @Test(.enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
    func yesNoQuestionRefusesOnNAndProceedsOnY() async throws {
        try await withWorld(config: Self.ungated) { world in
            try await world.emulator.clearRequests()
            let refused = try terminal(world, ["promote", "churn", "1", "--to", "dev"])
            defer { refused.tmux.kill() }
            let asked = try await refused.tmux.waitFor(text: "Proceed with promote of churn-dev in dev? [y/N]")
            // The plan is on screen before the question.
            #expect(asked.contains("CreateEndpoint churn-dev"))
            try refused.tmux.sendKeys("n", "Enter")
            #expect(try await refused.exitCode() == 3)
            #expect(try refused.transcript().contains("podium: error: not confirmed; nothing was changed"))
            #expect(try await writes(world).isEmpty)
            var records = try await world.finalAuditRecords()
            #expect(records.map { $0["outcome"] as? String } == ["refused"])
            #expect(records.first?["action"] as? String == "promote")
            #expect(records.first?["target"] as? String == "churn-dev")
            #expect((records.first?["error"] as? String)?.contains("not confirmed") == true)

            let accepted = try terminal(world, ["promote", "churn", "1", "--to", "dev"])
            defer { accepted.tmux.kill() }
            try await accepted.tmux.waitFor(text: "[y/N]")
            try accepted.tmux.sendKeys("y", "Enter")
            #expect(try await accepted.exitCode(timeout: .seconds(60)) == 0)
            #expect(try accepted.transcript().contains("done: churn-dev in dev is InService"))
            #expect(try await world.status("dev").first?["version"] as? Int == 1)
            records = try await world.finalAuditRecords()
            #expect(records.map { $0["outcome"] as? String } == ["refused", "success"])
        }
    }

    @Test(.enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
    func typedConfirmationRefusesAWrongNameAndProceedsOnTheEndpointName() async throws {
        try await withWorld(config: Self.ungated) { world in
            try await world.emulator.clearRequests()
            let wrong = try terminal(world, ["promote", "churn", "1", "--to", "prod"])
            defer { wrong.tmux.kill() }
            try await wrong.tmux.waitFor(text: "Type the endpoint name (churn-prod) to promote in prod:")
            // `y` is no answer to a typed confirmation, and neither is another endpoint's name.
            try wrong.tmux.sendText("churn-dev")
            try wrong.tmux.sendKeys("Enter")
            #expect(try await wrong.exitCode() == 3)
            #expect(try wrong.transcript().contains("not confirmed (typed \"churn-dev\"); nothing was changed"))
            #expect(try await writes(world).isEmpty)

            let yes = try terminal(world, ["promote", "churn", "1", "--to", "prod"])
            defer { yes.tmux.kill() }
            try await yes.tmux.waitFor(text: "Type the endpoint name (churn-prod)")
            try yes.tmux.sendKeys("y", "Enter")
            #expect(try await yes.exitCode() == 3)
            #expect(try await writes(world).isEmpty)

            let right = try terminal(world, ["promote", "churn", "1", "--to", "prod"])
            defer { right.tmux.kill() }
            try await right.tmux.waitFor(text: "Type the endpoint name (churn-prod)")
            try right.tmux.sendText("churn-prod")
            try right.tmux.sendKeys("Enter")
            #expect(try await right.exitCode(timeout: .seconds(60)) == 0)
            #expect(try right.transcript().contains("done: churn-prod in prod is InService"))
            #expect(try await writes(world).contains("CreateEndpoint"))
            #expect(try await world.status("prod").first?["version"] as? Int == 1)
            let records = try await world.finalAuditRecords()
            #expect(records.map { $0["outcome"] as? String } == ["refused", "refused", "success"])
            #expect(records.allSatisfy { $0["environment"] as? String == "prod" })
        }
    }

    @Test(.enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
    func rollbackAsksAndAnEmptyAnswerIsNo() async throws {
        try await withWorld(config: Self.ungated) { world in
            #expect(try await world.podium(["promote", "churn", "1", "--to", "dev", "--yes"]).code == 0)
            #expect(try await world.podium(["promote", "churn", "2", "--to", "dev", "--yes"]).code == 0)
            try await world.emulator.clearRequests()

            let empty = try terminal(world, ["rollback", "dev", "churn-dev"])
            defer { empty.tmux.kill() }
            let asked = try await empty.tmux.waitFor(text: "Proceed with rollback of churn-dev in dev? [y/N]")
            #expect(asked.contains("churn v2 → churn v1"))
            try empty.tmux.sendKeys("Enter")
            #expect(try await empty.exitCode() == 3)
            #expect(try await writes(world).isEmpty)

            let accepted = try terminal(world, ["rollback", "dev", "churn-dev"])
            defer { accepted.tmux.kill() }
            try await accepted.tmux.waitFor(text: "[y/N]")
            try accepted.tmux.sendKeys("y", "e", "s", "Enter")
            #expect(try await accepted.exitCode(timeout: .seconds(60)) == 0)
            #expect(try await writes(world) == ["UpdateEndpoint"])
            #expect(try await world.status("dev").first?["version"] as? Int == 1)
            let records = try await world.finalAuditRecords()
            #expect(records.suffix(2).map { $0["outcome"] as? String } == ["refused", "success"])
            #expect(records.suffix(2).allSatisfy { $0["action"] as? String == "rollback" })
        }
    }

    @Test func withoutATerminalBothKindsRefuseWithExit3() async throws {
        try await withWorld(config: Self.ungated) { world in
            try await world.emulator.clearRequests()
            var r = try await world.podium(["promote", "churn", "1", "--to", "dev"])
            #expect(r.code == 3)
            #expect(r.stderr.contains("no terminal to ask on; pass --yes"))
            r = try await world.podium(["promote", "churn", "1", "--to", "prod", "--yes"])
            #expect(r.code == 3)
            #expect(r.stderr.contains("needs typed confirmation; pass --confirm churn-prod"))
            #expect(try await writes(world).isEmpty)
            let records = try await world.finalAuditRecords()
            #expect(records.map { $0["outcome"] as? String } == ["refused", "refused"])
        }
    }
}
