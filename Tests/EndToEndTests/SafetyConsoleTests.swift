import Foundation
import PodiumTestSupport
import Testing

extension ConsoleE2E {
    /// Issue 16 item 1 in the console (tmux, seeded emulator): without a writable audit log an approval is
    /// refused and nothing changes; a rollback cut short by SIGTERM is recorded as interrupted.
    @Suite struct SafetyConsoleTests {
        @Test func theConsoleRefusesWithoutAnAuditLogAndRecordsAChangeCutShortBySIGTERM() async throws {
            try await ConsoleE2EWorld.with { world in
                try await world.emulator.setEndpointTimings(create: 3, update: 30)
                let audit = world.directory.appendingPathComponent("state/podium/audit.jsonl").path
                try FileManager.default.createDirectory(atPath: audit, withIntermediateDirectories: true)
                let tmux = try world.launch(["console"])
                try await ConsoleFlowTests.waitForLoadedDashboard(tmux)

                // Approve from the pending queue: refused, because the change could not be recorded.
                try tmux.sendKeys("3")
                try await tmux.waitFor(text: "Pending approval (5)", timeout: .seconds(30))
                try tmux.sendKeys("a")
                try await tmux.waitFor(text: "Comment (required", timeout: .seconds(20))
                try tmux.sendText("e2e approval without an audit log")
                try tmux.sendKeys("Enter")
                try await tmux.waitFor(text: "audit log cannot be written", timeout: .seconds(30))
                var operations = try await world.emulator.requests().map(\.operation)
                #expect(!operations.contains("UpdateModelPackage"))

                // The log is writable again; a rollback starts, and the console gets SIGTERM mid-deployment.
                try FileManager.default.removeItem(atPath: audit)
                try tmux.sendKeys("1")
                try tmux.sendKeys("b")
                try await tmux.waitFor(text: "Roll back churn-dev in dev?", timeout: .seconds(45))
                try tmux.sendKeys("y")
                let updated = try await ConsoleE2EWorld.eventually(timeout: .seconds(30)) {
                    try await world.emulator.requests().contains { $0.operation == "UpdateEndpoint" }
                }
                #expect(updated)
                let pid = try #require(Int32(try tmux.display("#{pane_pid}")))
                kill(pid, SIGTERM)
                let recorded = try await ConsoleE2EWorld.eventually(timeout: .seconds(30)) {
                    ((try? String(contentsOfFile: audit, encoding: .utf8)) ?? "").contains("\"interrupted\"")
                }
                #expect(recorded)
                let lines = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n")
                let records = try lines.map {
                    try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
                }
                #expect(records.map { $0["outcome"] as? String } == ["started", "interrupted"])
                #expect(records.map { $0["action"] as? String } == ["rollback", "rollback"])
                #expect(records[0]["attempt"] as? String == records[1]["attempt"] as? String)
                #expect((records[1]["error"] as? String)?.contains("UpdateEndpoint churn-dev") == true)
                operations = try await world.emulator.requests().map(\.operation)
                #expect(!operations.contains("UpdateModelPackage"))

                // A torn last line (as a kill mid-write leaves): the activity screen skips it and says so.
                let handle = try #require(FileHandle(forWritingAtPath: audit))
                handle.seekToEndOfFile()
                handle.write(Data(#"{"action":"promote","environ"#.utf8))
                try handle.close()
                let again = try world.launch(["console"])
                try await ConsoleFlowTests.waitForLoadedDashboard(again)
                try again.sendKeys("4")
                let activity = try await again.waitFor(text: "1 unreadable line skipped", timeout: .seconds(30))
                #expect(activity.contains("interrupted"), "\(activity)")
            }
        }
    }
}
