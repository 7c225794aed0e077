import Foundation
import PodiumTestSupport
import Testing

/// Issue 9 item 5 with two real `podium` processes against the emulator. The first operator is held at the
/// moment of acting (`PODIUM_TEST_HOLD_BEFORE_WRITE`: every check done, about to write) while the second runs,
/// so the race is the worst case every time, not a matter of luck.
@Suite struct TwoOperatorsTests {
    /// Starts `podium <arguments>` held before its first write; returns it once it is waiting there.
    static func startHeld(_ world: CLITestWorld, _ arguments: [String], hold: String) async throws -> RunningProcess {
        var environment = world.environment
        environment["PODIUM_TEST_HOLD_BEFORE_WRITE"] = hold
        let process = try ProcessRunner.start(
            CLITestWorld.podium, arguments + ["--config", world.configPath], environment: environment)
        let waiting = try await eventually { FileManager.default.fileExists(atPath: hold + ".waiting") }
        if !waiting {
            kill(process.pid, SIGKILL)
            _ = await process.wait()
            throw CLIWorldError("podium never reached the moment of acting")
        }
        return process
    }

    static func release(_ hold: String) {
        _ = FileManager.default.createFile(atPath: hold, contents: Data())
    }

    @Test func twoApprovalsOfOneVersionAtOnceExactlyOneSucceeds() async throws {
        try await withWorld { world in
            let hold = world.directory.appendingPathComponent("hold-a").path
            try await world.emulator.clearRequests()  // the seeding's own UpdateModelPackage calls
            let first = try await Self.startHeld(
                world, ["approve", "churn", "3", "--comment", "looks good", "--expect-status", "pending"], hold: hold)
            // The second operator saw the same pending version and rejects it.
            let second = try ProcessRunner.start(
                CLITestWorld.podium,
                [
                    "reject", "churn", "3", "--comment", "no", "--expect-status", "pending", "--config",
                    world.configPath,
                ],
                environment: world.environment)
            Self.release(hold)
            let a = await first.wait()
            let b = await second.wait()
            #expect(a.code == 0, "\(a.stderr)")
            #expect(b.code == 3, "\(b.stderr)")
            #expect(b.stderr.contains("changed since you saw it: it is now Approved"))
            // Who and when.
            #expect(b.stderr.contains("changed by arn:aws:"))
            #expect(b.stderr.contains(" at 20"))
            #expect(try await world.fixtureJSON("package", "churn", "3")["status"] as? String == "Approved")
            let updates = try await world.emulator.requests().filter { $0.operation == "UpdateModelPackage" }
            #expect(updates.count == 1)
            let outcomes = try await world.audit().map { $0["outcome"] as? String }
            #expect(outcomes.filter { $0 == "success" }.count == 1)
            #expect(outcomes.filter { $0 == "refused" }.count == 1)
        }
    }

    @Test func twoPromotionsOfOneEndpointAtOnceOneRunsAndNothingIsOrphaned() async throws {
        try await withWorld(config: CLITestWorld.config(prodGate: nil)) { world in
            let hold = world.directory.appendingPathComponent("hold-p").path
            let first = try await Self.startHeld(world, ["promote", "churn", "1", "--to", "dev", "--yes"], hold: hold)
            let second = try await world.podium(["promote", "churn", "2", "--to", "dev", "--yes"])
            #expect(second.code == 3, "\(second.stderr)")
            #expect(
                second.stderr.contains("churn-dev is being changed by another podium process: podium pid \(first.pid)"))
            Self.release(hold)
            let a = await first.wait()
            #expect(a.code == 0, "\(a.stderr)")
            #expect(try await world.status("dev").first?["version"] as? Int == 1)
            // Only the winner's model and endpoint config exist: the refused run created nothing.
            let resources = try await world.fixtureJSON("resources", "111111111111", "us-east-1")
            let models = try #require(resources["models"] as? [String])
            let configs = try #require(resources["configs"] as? [String])
            #expect(models.count == 1 && models.allSatisfy { $0.hasPrefix("churn-dev-v1-") }, "\(models)")
            #expect(configs.count == 1 && configs.allSatisfy { $0.hasPrefix("churn-dev-v1-") }, "\(configs)")
            #expect(resources["endpoints"] as? [String] == ["churn-dev"])
        }
    }

    @Test func manyProcessesWritingTheAuditLogAtOnceLeaveOnlyWholeLines() async throws {
        try await withWorld(seedRegistry: true) { world in
            // Each run is refused (no terminal to confirm on) and writes one record; 12 run at the same time.
            let runs = try (0..<12).map { _ in
                try ProcessRunner.start(
                    CLITestWorld.podium, ["promote", "churn", "1", "--to", "dev", "--config", world.configPath],
                    environment: world.environment)
            }
            for run in runs {
                let result = await run.wait()
                #expect(result.code == 3, "\(result.stderr)")
            }
            let text = try String(contentsOfFile: world.auditPath, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.last == "")
            #expect(lines.count == 13)
            for line in lines.dropLast() {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "torn: \(line)")
            }
            let audit = try await world.podium(["audit"])
            #expect(audit.code == 0)
            #expect(!audit.stderr.contains("could not be read"))
        }
    }
}
