import Foundation
import PodiumTestSupport
import Testing

/// `promote` and `rollback` without `--yes`, run in a real terminal (tmux): the y/N question, the typed
/// confirmation of `confirm: typed` environments, and what each answer does (refusals exit 3 and are audited).
@Suite(.serialized) struct CLIPromptTests {
    /// The world's config without a gate on prod, so prod's typed confirmation is reachable at once.
    static let ungated = CLITestWorld.config(prodGate: nil)

    /// Starts `podium <arguments> --config <world config>` in a tmux pane; its stdin is the pane's terminal.
    private func terminal(_ world: CLITestWorld, _ arguments: [String]) throws -> TmuxSession {
        try TmuxSession.start(
            command: [CLITestWorld.podium] + arguments + ["--config", world.configPath], width: 200, height: 50,
            environment: world.environment, workingDirectory: repoRoot)
    }

    /// The whole pane (screen and the history above it), once the command has exited.
    private func transcript(_ tmux: TmuxSession) throws -> String {
        try tmux.capture(scrollback: 200)
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
            defer { refused.kill() }
            let asked = try await refused.waitFor(text: "Proceed with promote of churn-dev in dev? [y/N]")
            // The plan is on screen before the question.
            #expect(asked.contains("CreateEndpoint churn-dev"))
            try refused.sendKeys("n", "Enter")
            #expect(try await refused.waitForExit() == 3)
            #expect(try transcript(refused).contains("podium: error: not confirmed; nothing was changed"))
            #expect(try await writes(world).isEmpty)
            var records = try await world.audit()
            #expect(records.map { $0["outcome"] as? String } == ["refused"])
            #expect(records.first?["action"] as? String == "promote")
            #expect(records.first?["target"] as? String == "churn-dev")
            #expect((records.first?["error"] as? String)?.contains("not confirmed") == true)

            let accepted = try terminal(world, ["promote", "churn", "1", "--to", "dev"])
            defer { accepted.kill() }
            try await accepted.waitFor(text: "[y/N]")
            try accepted.sendKeys("y", "Enter")
            #expect(try await accepted.waitForExit(timeout: .seconds(60)) == 0)
            #expect(try transcript(accepted).contains("done: churn-dev in dev is InService"))
            #expect(try await world.status("dev").first?["version"] as? Int == 1)
            records = try await world.audit()
            #expect(records.map { $0["outcome"] as? String } == ["refused", "success"])
        }
    }

    @Test(.enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
    func typedConfirmationRefusesAWrongNameAndProceedsOnTheEndpointName() async throws {
        try await withWorld(config: Self.ungated) { world in
            try await world.emulator.clearRequests()
            let wrong = try terminal(world, ["promote", "churn", "1", "--to", "prod"])
            defer { wrong.kill() }
            try await wrong.waitFor(text: "Type the endpoint name (churn-prod) to promote in prod:")
            // `y` is no answer to a typed confirmation, and neither is another endpoint's name.
            try wrong.sendText("churn-dev")
            try wrong.sendKeys("Enter")
            #expect(try await wrong.waitForExit() == 3)
            #expect(try transcript(wrong).contains("not confirmed (typed \"churn-dev\"); nothing was changed"))
            #expect(try await writes(world).isEmpty)

            let yes = try terminal(world, ["promote", "churn", "1", "--to", "prod"])
            defer { yes.kill() }
            try await yes.waitFor(text: "Type the endpoint name (churn-prod)")
            try yes.sendKeys("y", "Enter")
            #expect(try await yes.waitForExit() == 3)
            #expect(try await writes(world).isEmpty)

            let right = try terminal(world, ["promote", "churn", "1", "--to", "prod"])
            defer { right.kill() }
            try await right.waitFor(text: "Type the endpoint name (churn-prod)")
            try right.sendText("churn-prod")
            try right.sendKeys("Enter")
            #expect(try await right.waitForExit(timeout: .seconds(60)) == 0)
            #expect(try transcript(right).contains("done: churn-prod in prod is InService"))
            #expect(try await writes(world).contains("CreateEndpoint"))
            #expect(try await world.status("prod").first?["version"] as? Int == 1)
            let records = try await world.audit()
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
            defer { empty.kill() }
            let asked = try await empty.waitFor(text: "Proceed with rollback of churn-dev in dev? [y/N]")
            #expect(asked.contains("churn v2 → churn v1"))
            try empty.sendKeys("Enter")
            #expect(try await empty.waitForExit() == 3)
            #expect(try await writes(world).isEmpty)

            let accepted = try terminal(world, ["rollback", "dev", "churn-dev"])
            defer { accepted.kill() }
            try await accepted.waitFor(text: "[y/N]")
            try accepted.sendKeys("y", "e", "s", "Enter")
            #expect(try await accepted.waitForExit(timeout: .seconds(60)) == 0)
            #expect(try await writes(world) == ["UpdateEndpoint"])
            #expect(try await world.status("dev").first?["version"] as? Int == 1)
            let records = try await world.audit()
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
            let records = try await world.audit()
            #expect(records.map { $0["outcome"] as? String } == ["refused", "refused"])
        }
    }
}
