import Foundation
import PodiumTestSupport
import Testing

/// Issue 16, items 1, 4 and 5 against the emulator with the real binary: nothing changes without its record,
/// the audit file cannot be redirected or left readable, a signal mid-change is recorded, and a credential
/// helper's output never reaches the audit log.
@Suite struct SafetyTests {
    /// The config without a gate on prod.
    static let ungated = CLITestWorld.config(prodGate: nil)

    /// The operations that change something, from the emulator's request log.
    static func writes(_ world: CLITestWorld) async throws -> [String] {
        try await world.emulator.requests().map(\.operation).filter {
            $0.hasPrefix("Create") || $0.hasPrefix("Update") || $0.hasPrefix("Delete") || $0 == "AddTags"
        }
    }

    /// The audit file's lines as dictionaries (read directly, to see exactly what is stored).
    static func auditLines(_ world: CLITestWorld) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: world.auditPath, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func anAuditLogThatCannotBeWrittenRefusesBeforeAnyChange() async throws {
        try await withWorld(config: Self.ungated) { world in
            // Before: approve exited 1 "cannot open the audit log" with v3 Approved; promote printed "done".
            try FileManager.default.createDirectory(atPath: world.auditPath, withIntermediateDirectories: true)
            try await world.emulator.clearRequests()
            var r = try await world.podium(["approve", "churn", "3", "--comment", "ok"])
            #expect(r.code == 3, "\(r.stderr)")
            #expect(r.stderr.contains("the audit log cannot be written"))
            #expect(r.stderr.contains("nothing was changed"))
            r = try await world.podium(["promote", "churn", "1", "--to", "dev", "--yes"])
            #expect(r.code == 3, "\(r.stderr)")
            #expect(!r.stdout.contains("done:"))
            #expect(r.stderr.contains("the audit log cannot be written"))
            #expect(try await Self.writes(world).isEmpty)
            #expect(
                try await world.fixtureJSON("package", "churn", "3")["status"] as? String == "PendingManualApproval")

            // A symlink in its place is refused, and the file it points to is untouched.
            try FileManager.default.removeItem(atPath: world.auditPath)
            let victim = world.directory.appendingPathComponent("victim.txt").path
            try "precious\n".write(toFile: victim, atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: world.auditPath, withDestinationPath: victim)
            r = try await world.podium(["approve", "churn", "3", "--comment", "ok"])
            #expect(r.code == 3, "\(r.stderr)")
            #expect(r.stderr.contains("symbolic link"))
            #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
            #expect(try await Self.writes(world).isEmpty)

            // A loose existing file (0666) and directory (0755) are tightened to 0600 and 0700.
            try FileManager.default.removeItem(atPath: world.auditPath)
            let directory = (world.auditPath as NSString).deletingLastPathComponent
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory)
            #expect(FileManager.default.createFile(atPath: world.auditPath, contents: nil))
            try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: world.auditPath)
            r = try await world.podium(["approve", "churn", "3", "--comment", "ok"])
            #expect(r.code == 0, "\(r.stderr)")
            #expect(try Self.mode(world.auditPath) == 0o600)
            #expect(try Self.mode(directory) == 0o700)
            let records = try Self.auditLines(world)
            #expect(records.map { $0["outcome"] as? String } == ["started", "success"])
            #expect(Set(records.compactMap { $0["attempt"] as? String }).count == 1)
        }
    }

    @Test func signalsDuringAChangeAreRecordedAsInterruptedAndTheReRunConverges() async throws {
        try await withWorld(config: Self.ungated) { world in
            #expect(try await world.podium(["promote", "churn", "1", "--to", "dev", "--yes"]).code == 0)
            // Long enough that the signal surely lands mid-deployment, even on a loaded machine.
            try await world.emulator.setEndpointTimings(create: 0, update: 8)

            // SIGHUP while the endpoint is updating (after UpdateEndpoint and AddTags).
            try await world.emulator.clearRequests()
            let promote = try ProcessRunner.start(
                CLITestWorld.podium, ["promote", "churn", "2", "--to", "dev", "--yes", "--config", world.configPath],
                environment: world.environment)
            #expect(
                try await eventually(timeout: 30) {
                    try await world.emulator.requests().contains { $0.operation == "AddTags" }
                })
            kill(promote.pid, SIGHUP)
            let hung = await promote.wait()
            #expect(hung.code == 128 + SIGHUP, "\(hung.stderr)")
            #expect(hung.stderr.contains("interrupted by SIGHUP during promote of churn-dev in dev"))
            var records = try await world.audit()
            let last = try #require(records.last)
            #expect(records.suffix(2).map { $0["outcome"] as? String } == ["started", "interrupted"])
            #expect(
                records.suffix(2).map { $0["attempt"] as? String } == [
                    last["attempt"] as? String, last["attempt"] as? String,
                ])
            #expect((last["error"] as? String)?.contains("SIGHUP") == true)
            #expect((last["error"] as? String)?.contains("UpdateEndpoint churn-dev") == true)

            // The deployment carries on in SageMaker; once it is done, the same command converges.
            #expect(try await eventually { try await world.status("dev").first?["status"] as? String == "InService" })
            let rerun = try await world.podium(["promote", "churn", "2", "--to", "dev", "--yes"])
            #expect(rerun.code == 0, "\(rerun.stderr)")
            #expect(try await world.status("dev").first?["version"] as? Int == 2)

            // SIGTERM during an approval, at the moment of acting (after the checks, before UpdateModelPackage).
            let hold = world.directory.appendingPathComponent("hold-approve").path
            var environment = world.environment
            environment["PODIUM_TEST_HOLD_BEFORE_WRITE"] = hold
            let approve = try ProcessRunner.start(
                CLITestWorld.podium, ["approve", "churn", "3", "--comment", "ok", "--config", world.configPath],
                environment: environment)
            #expect(try await eventually { FileManager.default.fileExists(atPath: hold + ".waiting") })
            kill(approve.pid, SIGTERM)
            let terminated = await approve.wait()
            #expect(terminated.code == 128 + SIGTERM, "\(terminated.stderr)")
            records = try await world.audit()
            #expect(records.suffix(2).map { $0["outcome"] as? String } == ["started", "interrupted"])
            #expect((records.last?["error"] as? String)?.contains("no AWS write had completed") == true)
            #expect(
                try await world.fixtureJSON("package", "churn", "3")["status"] as? String == "PendingManualApproval")

            // SIGINT during a rollback that is deploying.
            try await world.emulator.clearRequests()
            let rollback = try ProcessRunner.start(
                CLITestWorld.podium, ["rollback", "dev", "churn-dev", "--yes", "--config", world.configPath],
                environment: world.environment)
            #expect(
                try await eventually(timeout: 30) {
                    try await world.emulator.requests().contains { $0.operation == "UpdateEndpoint" }
                })
            kill(rollback.pid, SIGINT)
            let interrupted = await rollback.wait()
            #expect(interrupted.code == 128 + SIGINT, "\(interrupted.stderr)")
            records = try await world.audit()
            #expect(records.suffix(2).map { $0["outcome"] as? String } == ["started", "interrupted"])
            #expect(records.last?["action"] as? String == "rollback")
            // The re-run finishes that rollback instead of rolling back one step further.
            #expect(try await eventually { try await world.status("dev").first?["status"] as? String == "InService" })
            let again = try await world.podium(["rollback", "dev", "churn-dev", "--yes"])
            #expect(again.code == 0, "\(again.stderr)")
            #expect(try await world.status("dev").first?["version"] as? Int == 1)
        }
    }

    @Test func aCredentialHelpersOutputNeverReachesTheAuditLog() async throws {
        let marker = "SECRET-MARKER-\(UUID().uuidString.prefix(8))"
        let config = Self.ungated.replacingOccurrences(
            of: "registry: { region: us-east-1 }",
            with: "registry: { region: us-east-1, credentials: { profile: leaky } }")
        try await withWorld(config: config) { world in
            let aws = world.directory.appendingPathComponent("home/.aws")
            try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
            try """
            [profile leaky]
            credential_process = /bin/sh -c "echo \(marker) >&2; exit 1"
            """.write(to: aws.appendingPathComponent("config"), atomically: true, encoding: .utf8)
            // Static keys in the environment would win over the profile: leave only the profile.
            var environment = world.environment
            environment["AWS_ACCESS_KEY_ID"] = nil
            environment["AWS_SECRET_ACCESS_KEY"] = nil
            let r = try await CLITestWorld.run(
                CLITestWorld.podium, ["approve", "churn", "3", "--comment", "ok", "--config", world.configPath],
                environment: environment)
            #expect(r.code != 0)
            let text = try String(contentsOfFile: world.auditPath, encoding: .utf8)
            #expect(!text.contains(marker), "\(text)")
            let records = try Self.auditLines(world)
            #expect(!records.isEmpty)
            #expect(records.allSatisfy { $0["operator"] as? String == "unknown" })
        }
    }
}

extension CLITestWorld {
    /// The audit records without the `started` ones (each change writes `started` before its first AWS write,
    /// then its outcome): one record per attempt, as the tests written before audit-first expect.
    func finalAuditRecords() async throws -> [[String: Any]] {
        try await audit().filter { $0["outcome"] as? String != "started" }
    }
}
