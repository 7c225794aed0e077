import Foundation
import PodiumTestSupport
import Testing

/// Runs `body` with a fresh emulator world and always stops it.
func withWorld(
    config: String = CLITestWorld.config(), seedRegistry: Bool = true, _ body: (CLITestWorld) async throws -> Void
) async throws {
    let world = try await CLITestWorld(config: config, seedRegistry: seedRegistry)
    do {
        try await body(world)
    } catch {
        await world.stop()
        throw error
    }
    await world.stop()
}

/// Polls `check` until it returns true or `timeout` seconds pass (no fixed sleeps: each try is a real run).
func eventually(timeout: Double = 30, _ check: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await check() { return true }
        try await Task.sleep(for: .milliseconds(200))
    }
    return false
}

@Suite(.serialized) struct CLIEndToEndTests {
    @Test func fullPathDevToProdWithGate() async throws {
        try await withWorld { world in
            // Prod is refused while v1 has never run in dev.
            var r = try await world.podium(["promote", "churn", "1", "--to", "prod", "--confirm", "churn-prod"])
            #expect(r.code == 3)
            #expect(r.stderr.contains("is not deployed in dev"))

            r = try await world.podium(["promote", "churn", "1", "--to", "dev", "--yes"])
            #expect(r.code == 0, "\(r.stderr)")
            #expect(r.stdout.contains("done: churn-dev in dev is InService"))
            let dev = try await world.status("dev")
            #expect(dev.first?["version"] as? Int == 1)
            #expect(dev.first?["status"] as? String == "InService")

            // Deployed but without traffic: health unknown, still refused.
            r = try await world.podium(["promote", "churn", "1", "--to", "prod", "--confirm", "churn-prod"])
            #expect(r.code == 3)
            #expect(r.stderr.contains("churn-dev in dev is unknown"))

            // Healthy traffic in dev; the gate (healthy_for: 1s) opens once a second has passed.
            #expect(try await world.fixture("metrics", "111111111111", "us-east-1", "churn-dev", "120", "0").code == 0)
            let opened = try await eventually {
                try await world.podium(["promote", "churn", "1", "--to", "prod", "--plan"]).code == 0
            }
            #expect(opened)

            // Typed confirmation: a wrong name is refused, the endpoint name runs it.
            r = try await world.podium(["promote", "churn", "1", "--to", "prod", "--yes"])
            #expect(r.code == 3)
            #expect(r.stderr.contains("needs typed confirmation; pass --confirm churn-prod"))
            r = try await world.podium(["promote", "churn", "1", "--to", "prod", "--confirm", "churn-dev"])
            #expect(r.code == 3)
            r = try await world.podium(["promote", "churn", "1", "--to", "prod", "--confirm", "churn-prod"])
            #expect(r.code == 0, "\(r.stderr)")
            #expect(r.stdout.contains("CreateEndpoint churn-prod"))
            let prod = try await world.status("prod")
            #expect(prod.first?["version"] as? Int == 1)
            #expect(prod.first?["group"] as? String == "churn")

            // Version 2 has not run in dev: refused for prod again.
            r = try await world.podium(["promote", "churn", "2", "--to", "prod", "--confirm", "churn-prod"])
            #expect(r.code == 3)
            #expect(r.stderr.contains("v2 is not deployed in dev"))

            // Rejected/pending versions cannot be promoted anywhere.
            r = try await world.podium(["promote", "churn", "3", "--to", "dev", "--yes"])
            #expect(r.code == 3)
            #expect(r.stderr.contains("PendingManualApproval, not Approved"))
        }
    }

    @Test func canaryAndAutoRollbackReachUpdateEndpoint() async throws {
        let config = CLITestWorld.config(
            prodGate: nil, prodStrategy: "canary",
            extraProd: "      canary_percent: 10\n      wait: 10m\n      auto_rollback_alarms: [churn-prod-5xx]")
        try await withWorld(config: config) { world in
            #expect(try await world.fixture("alarm", "333333333333", "eu-west-1", "churn-prod-5xx").code == 0)
            var r = try await world.podium(["promote", "churn", "1", "--to", "prod", "--confirm", "churn-prod"])
            #expect(r.code == 0, "\(r.stderr)")
            r = try await world.podium(["promote", "churn", "2", "--to", "prod", "--confirm", "churn-prod"])
            #expect(r.code == 0, "\(r.stderr)")
            #expect(r.stdout.contains("canary 10%, wait 10m, auto-rollback on churn-prod-5xx"))
            let described = try await world.fixtureJSON("describe-endpoint", "333333333333", "eu-west-1", "churn-prod")
            let last = try #require(described["LastDeploymentConfig"] as? [String: Any])
            let blueGreen = try #require(last["BlueGreenUpdatePolicy"] as? [String: Any])
            let routing = try #require(blueGreen["TrafficRoutingConfiguration"] as? [String: Any])
            #expect(routing["Type"] as? String == "CANARY")
            #expect(routing["WaitIntervalInSeconds"] as? Int == 600)
            let size = try #require(routing["CanarySize"] as? [String: Any])
            #expect(size["Type"] as? String == "CAPACITY_PERCENT")
            #expect(size["Value"] as? Int == 10)
            let rollback = try #require(last["AutoRollbackConfiguration"] as? [String: Any])
            let alarms = try #require(rollback["Alarms"] as? [[String: Any]])
            #expect(alarms.compactMap { $0["AlarmName"] as? String } == ["churn-prod-5xx"])
            #expect((described["EndpointConfigName"] as? String)?.hasPrefix("churn-prod-v2-") == true)
            let status = try await world.status("prod")
            #expect(status.first?["version"] as? Int == 2)
        }
    }

    @Test func failedUpdateIsReportedWithItsReasonAndAudited() async throws {
        try await withWorld { world in
            var r = try await world.podium(["promote", "churn", "1", "--to", "dev", "--yes"])
            #expect(r.code == 0, "\(r.stderr)")
            try await world.emulator.failNextUpdate(
                endpoint: "churn-dev", mode: .failed, reason: "ImagePullFailure: manifest unknown",
                account: "111111111111")
            r = try await world.podium(["promote", "churn", "2", "--to", "dev", "--yes"])
            #expect(r.code == 1)
            #expect(r.stderr.contains("ImagePullFailure: manifest unknown"))
            #expect(!r.stderr.contains("Fatal error"))

            let records = try await world.finalAuditRecords()
            #expect(records.map { $0["outcome"] as? String } == ["success", "failure"])
            #expect((records.last?["error"] as? String)?.contains("ImagePullFailure") == true)
            #expect(
                (records.last?["operator"] as? String)?.hasPrefix("arn:aws:sts::111111111111:assumed-role/") == true)
            #expect((records.last?["plan"] as? [String])?.isEmpty == false)
            #expect(records.last?["environment"] as? String == "dev")
            #expect(records.last?["action"] as? String == "promote")
        }
    }

    @Test func rolledBackUpdateIsAFailure() async throws {
        try await withWorld { world in
            var r = try await world.podium(["promote", "churn", "1", "--to", "dev", "--yes"])
            #expect(r.code == 0, "\(r.stderr)")
            try await world.emulator.failNextUpdate(
                endpoint: "churn-dev", mode: .rollback, reason: "auto-rollback: alarm fired", account: "111111111111")
            r = try await world.podium(["promote", "churn", "2", "--to", "dev", "--yes"])
            #expect(r.code == 1)
            #expect(r.stderr.contains("rolled back"))
            #expect(r.stderr.contains("auto-rollback: alarm fired"))
            #expect(try await world.status("dev").first?["version"] as? Int == 1)
        }
    }

    @Test func rollbackRestoresThePreviousVersion() async throws {
        try await withWorld { world in
            #expect(try await world.podium(["promote", "churn", "1", "--to", "dev", "--yes"]).code == 0)
            #expect(try await world.podium(["promote", "churn", "2", "--to", "dev", "--yes"]).code == 0)
            #expect(try await world.status("dev").first?["version"] as? Int == 2)
            var r = try await world.podium(["rollback", "dev", "churn-dev", "--plan"])
            #expect(r.code == 0)
            #expect(r.stdout.contains("churn v2 → churn v1"))
            r = try await world.podium(["rollback", "dev", "churn-dev"])
            #expect(r.code == 3)
            #expect(r.stderr.contains("no terminal"))
            r = try await world.podium(["rollback", "dev", "churn-dev", "--yes"])
            #expect(r.code == 0, "\(r.stderr)")
            #expect(try await world.status("dev").first?["version"] as? Int == 1)
            let records = try await world.finalAuditRecords()
            #expect(records.map { $0["action"] as? String } == ["promote", "promote", "rollback", "rollback"])
            #expect(records.map { $0["outcome"] as? String } == ["success", "success", "refused", "success"])
        }
    }

    @Test func approvalRaceSecondIsRefusedAsChangedSinceSeen() async throws {
        try await withWorld { world in
            var r = try await world.podium([
                "approve", "churn", "3", "--comment", "offline eval ok", "--expect-status", "pending",
            ])
            #expect(r.code == 0, "\(r.stderr)")
            r = try await world.podium(["reject", "churn", "3", "--comment", "no", "--expect-status", "pending"])
            #expect(r.code == 3)
            #expect(r.stderr.contains("changed since you saw it: it is now Approved"))
            #expect(
                r.stderr.contains("by arn:aws:sts::123456789012:") || r.stderr.contains("by arn:aws:iam::123456789012:")
            )
            let package = try await world.fixtureJSON("package", "churn", "3")
            #expect(package["status"] as? String == "Approved")
            let description = try #require(package["description"] as? String)
            #expect(description.hasPrefix("offline eval ok — approved by arn:aws:"))
            #expect(description.count <= 1024)
            // A comment is required.
            r = try await world.podium(["approve", "churn", "2", "--comment", " "])
            #expect(r.code == 2)
            let records = try await world.finalAuditRecords()
            #expect(records.map { $0["outcome"] as? String } == ["success", "refused"])
            #expect(records.first?["environment"] as? String == "registry")
        }
    }

    @Test func promotionIsRefusedWhileUpdatingAndReRunAfterCrashConverges() async throws {
        try await withWorld { world in
            #expect(try await world.podium(["promote", "churn", "1", "--to", "dev", "--yes"]).code == 0)
            // Killed between CreateEndpointConfig and UpdateEndpoint.
            var r = try await world.podium(
                ["promote", "churn", "2", "--to", "dev", "--yes"],
                extraEnvironment: ["PODIUM_TEST_CRASH_AFTER": "CreateEndpointConfig"])
            #expect(r.code == 137)
            #expect(try await world.status("dev").first?["version"] as? Int == 1)
            r = try await world.podium(["promote", "churn", "2", "--to", "dev", "--plan"])
            #expect(r.code == 0)
            #expect(r.stdout.contains("CreateModel") && r.stdout.contains("exists, reused"))
            try await world.emulator.clearRequests()
            r = try await world.podium(["promote", "churn", "2", "--to", "dev", "--yes"])
            #expect(r.code == 0, "\(r.stderr)")
            let writes = try await world.emulator.requests().map(\.operation).filter {
                $0.hasPrefix("Create") || $0.hasPrefix("Update")
            }
            #expect(writes == ["UpdateEndpoint"])
            #expect(try await world.status("dev").first?["version"] as? Int == 2)

            // Now an update that takes a while: kill podium right after UpdateEndpoint, then try again.
            try await world.emulator.setEndpointTimings(create: 0, update: 120)
            r = try await world.podium(
                ["promote", "churn", "1", "--to", "dev", "--yes"],
                extraEnvironment: ["PODIUM_TEST_CRASH_AFTER": "UpdateEndpoint"])
            #expect(r.code == 137)
            #expect(try await world.status("dev").first?["status"] as? String == "Updating")
            r = try await world.podium(["rollback", "dev", "churn-dev", "--yes"])
            #expect(r.code == 3)
            #expect(r.stderr.contains("churn-dev is Updating"))
            r = try await world.podium(["promote", "churn", "2", "--to", "dev", "--yes"])
            #expect(r.code == 3)
            #expect(r.stderr.contains("churn-dev is Updating; wait until it is InService"))
        }
    }

    @Test func configErrorsGiveLineAndColumnBeforeAnyAWSCall() async throws {
        let bad = CLITestWorld.config().replacingOccurrences(
            of: "    execution_role_arn: arn:aws:iam::111", with: "    execution_roll_arn: arn:aws:iam::111")
        try await withWorld(config: bad, seedRegistry: false) { world in
            let r = try await world.podium(["status"])
            #expect(r.code == 2)
            #expect(r.stderr.contains("podium.yaml:8:5: unknown key \"execution_roll_arn\" in environment \"dev\""))
            #expect(r.stderr.contains("did you mean \"execution_role_arn\"?"))
            #expect(try await world.emulator.requests().isEmpty)
            let check = try await world.podium(["config", "check", world.configPath], config: false)
            #expect(check.code == 2)
            let missing = try await world.podium(["status", "--config", "/nonexistent/podium.yaml"], config: false)
            #expect(missing.code == 2)
            #expect(missing.stderr.contains("config file not found"))
        }
    }

    @Test func globalOptionsGoBeforeOrAfterTheSubcommand() async throws {
        try await withWorld { world in
            let path = world.configPath
            let before = try await world.podium(["--config", path, "groups", "--json"], config: false)
            let after = try await world.podium(["groups", "--json", "--config", path], config: false)
            #expect(before.code == 0, "\(before.stderr)")
            #expect(after.code == 0, "\(after.stderr)")
            #expect(before.stdout.contains("\"group\" : \"churn\""))
            #expect(before.stdout == after.stdout)

            // --read-only and --debug before the subcommand (the config after it), and the other way round.
            try await world.emulator.clearRequests()
            var r = try await world.podium(
                ["--read-only", "--debug", "promote", "churn", "1", "--to", "dev", "--yes", "--config", path],
                config: false)
            #expect(r.code == 3)
            #expect(r.stderr.contains("read-only"))
            #expect(r.stderr.contains("DescribeModelPackage"))  // --debug logs each AWS call to stderr
            r = try await world.podium(
                ["--config", path, "promote", "churn", "1", "--to", "dev", "--yes", "--read-only"], config: false)
            #expect(r.code == 3)
            #expect(r.stderr.contains("read-only"))
            #expect(!r.stderr.contains("DescribeModelPackage"))  // no --debug: no call log
            let writes = try await world.emulator.requests().filter {
                $0.operation.hasPrefix("Create") || $0.operation.hasPrefix("Update")
            }
            #expect(writes.isEmpty)

            // Subcommand groups: `config check` takes the global --config in either place.
            r = try await world.podium(["--config", path, "config", "check"], config: false)
            #expect(r.code == 0, "\(r.stderr)")
            #expect(r.stdout.contains("\(path): ok"))
            r = try await world.podium(["config", "check", "--config", path], config: false)
            #expect(r.code == 0, "\(r.stderr)")
            // A missing config file is exit 2 whichever side --config is on.
            for arguments in [
                ["--config", "/nonexistent.yaml", "status"], ["status", "--config", "/nonexistent.yaml"],
            ] {
                r = try await world.podium(arguments, config: false)
                #expect(r.code == 2, "\(arguments)")
                #expect(r.stderr.contains("/nonexistent.yaml: config file not found"), "\(arguments)")
            }
        }
    }

    @Test func hostileStringsFromAWSNeverReachTheTerminalRaw() async throws {
        // Clear screen, set the window title, a bidi override and a carriage return, in every string AWS returns.
        let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{07}\u{202E}txt.exe\r"
        let shown = "?[2J?]0;pwned??txt.exe?"
        func harmless(_ r: CLIResult) -> Bool {
            !(r.stdout + r.stderr).unicodeScalars.contains { [0x1B, 0x07, 0x0D, 0x202E].contains($0.value) }
        }
        try await withWorld { world in
            _ = try await world.fixtureJSON("hostile-version", "churn", hostile)
            var r = try await world.podium(["versions", "churn"])
            #expect(r.code == 0, "\(r.stderr)")
            #expect(harmless(r))
            #expect(r.stdout.contains("desc \(shown)"))
            r = try await world.podium(["show", "churn", "4"])
            #expect(r.code == 0, "\(r.stderr)")
            #expect(harmless(r))
            #expect(r.stdout.contains("appr \(shown)") && r.stdout.contains("meta \(shown)"))
            // JSON is data: the strings arrive intact (control characters escaped by the encoder).
            r = try await world.podium(["show", "churn", "4", "--json"])
            let detail = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            #expect(detail["description"] as? String == "desc \(hostile)")
            #expect(!r.stdout.contains("\u{1B}"))

            #expect(try await world.podium(["promote", "churn", "1", "--to", "dev", "--yes"]).code == 0)
            try await world.emulator.failNextUpdate(
                endpoint: "churn-dev", mode: .failed, reason: "boom \(hostile)", account: "111111111111")
            r = try await world.podium(["promote", "churn", "4", "--to", "dev", "--yes"])
            #expect(r.code == 1)
            #expect(harmless(r))
            #expect(r.stderr.contains("boom \(shown)"))
            r = try await world.podium(["audit"])
            #expect(r.code == 0)
            #expect(harmless(r))
            #expect(r.stdout.contains("boom \(shown)"))
            let records = try await world.finalAuditRecords()
            #expect((records.last?["error"] as? String)?.contains("boom \(hostile)") == true)
        }
    }

    @Test func readOnlyRefusesWrites() async throws {
        try await withWorld { world in
            try await world.emulator.clearRequests()
            var r = try await world.podium(["promote", "churn", "1", "--to", "dev", "--yes", "--read-only"])
            #expect(r.code == 3)
            #expect(r.stderr.contains("read-only"))
            r = try await world.podium(["approve", "churn", "3", "--comment", "x", "--read-only"])
            #expect(r.code == 3)
            let writes = try await world.emulator.requests().filter {
                $0.operation.hasPrefix("Create") || $0.operation.hasPrefix("Update")
            }
            #expect(writes.isEmpty)
        }
    }

    @Test func jsonOutputsHaveTheDocumentedKeys() async throws {
        try await withWorld { world in
            var r = try await world.podium(["groups", "--json"])
            #expect(r.code == 0)
            let groups = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
            #expect(groups.first?["group"] as? String == "churn")
            #expect(groups.first?["pending"] as? Int == 1)
            #expect(groups.first?["approved"] as? Int == 2)
            #expect(groups.first?["latest_version"] as? Int == 3)
            r = try await world.podium(["versions", "churn", "--status", "approved", "--json"])
            let versions = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
            #expect(versions.map { $0["version"] as? Int } == [2, 1])
            for key in ["group", "version", "status", "arn", "created"] { #expect(versions.first?[key] != nil) }
            #expect((versions.first?["created"] as? String)?.hasSuffix("Z") == true)
            r = try await world.podium(["show", "churn", "2", "--json"])
            let detail = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let evaluation = try #require(detail["evaluation"] as? [String: Any])
            #expect(evaluation["state"] as? String == "loaded")
            #expect(abs(((evaluation["metrics"] as? [String: Double])?["auc"] ?? 0) - 0.82) < 1e-9)
            let status = try await world.status("dev")
            for key in ["environment", "endpoint", "group", "version", "health", "reasons", "metrics", "status"] {
                #expect(status.first?.keys.contains(key) == true, "missing \(key)")
            }
            #expect(status.first?["status"] as? String == "NotDeployed")
        }
    }
}
