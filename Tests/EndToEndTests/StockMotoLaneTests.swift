import Foundation
import PodiumTestSupport
import Testing

/// The real `podium` binary against unpatched moto 5.2.1: the answers a new user gets from a stand-in for AWS
/// (`"DataCaptureConfig": {}`, versioned packages without `ModelPackageName`, CloudWatch JSON labelled
/// `Content-Type: text`, no UpdateEndpoint, GetMetricData failing on percentiles). Every change is checked with
/// boto3, an independent client.
@Suite(.serialized, .timeLimit(.minutes(3))) struct StockMotoLaneTests {
    /// No crash, no stack trace, and no blaming the connection for what was a readable answer.
    private func expectClean(_ result: CLIResult, _ command: String) {
        for marker in ["Fatal error", "Stack dump", "Backtrace", "cut short", "cannot read"] {
            #expect(!result.stderr.contains(marker), "\(command): \(marker) in\n\(result.stderr)")
        }
    }

    @Test func readsApprovesPromotesAndReportsWhatStockMotoLacks() async throws {
        try await StockMotoWorld.with { world in
            // Reads: groups, versions, show, status (both environments, neither deployed yet).
            let groups = try #require(try await world.podiumJSON(["groups"]) as? [[String: Any]])
            #expect(groups.map { $0["group"] as? String } == ["churn"])
            #expect(groups.first?["pending"] as? Int == 1 && groups.first?["approved"] as? Int == 2)
            let versions = try #require(try await world.podiumJSON(["versions", "churn"]) as? [[String: Any]])
            #expect(versions.compactMap { $0["version"] as? Int } == [3, 2, 1])
            let show = try await world.podium(["show", "churn", "2"])
            #expect(show.code == 0, "\(show.stderr)")
            #expect(show.stdout.contains("churn v2") && show.stdout.contains("auc"), "\(show.stdout)")
            expectClean(show, "show")
            let before = try #require(try await world.podiumJSON(["status"]) as? [[String: Any]])
            #expect(before.compactMap { $0["status"] as? String } == ["NotDeployed", "NotDeployed"], "\(before)")

            // Approve and reject really change the registry (read back with boto3).
            var r = try await world.podium(["approve", "churn", "3", "--comment", "ship it"])
            #expect(r.code == 0, "\(r.stderr)")
            expectClean(r, "approve")
            var package = try await world.fixtureJSON("package", "churn", "3")
            #expect(package["status"] as? String == "Approved")
            #expect((package["description"] as? String)?.contains("ship it") == true)
            r = try await world.podium(["reject", "churn", "2", "--comment", "recall regressed"])
            #expect(r.code == 0, "\(r.stderr)")
            package = try await world.fixtureJSON("package", "churn", "2")
            #expect(package["status"] as? String == "Rejected")
            // A stale approval is refused naming who changed it (not the fixed profile stock moto reports).
            r = try await world.podium(["approve", "churn", "2", "--comment", "late", "--expect-status", "approved"])
            #expect(r.code == 3, "\(r.stderr)")
            #expect(r.stderr.contains("changed by arn:aws:sts::123456789012:user/moto"), "\(r.stderr)")

            // Promote to a new endpoint: CreateModel, CreateEndpointConfig, CreateEndpoint.
            r = try await world.podium(["promote", "churn", "1", "--to", "dev", "--yes"])
            #expect(r.code == 0, "\(r.stderr)")
            #expect(r.stdout.contains("done: churn-dev in dev is InService"), "\(r.stdout)")
            expectClean(r, "promote (create)")
            var endpoint = try await world.fixtureJSON("describe-endpoint", "111111111111", "us-east-1", "churn-dev")
            #expect(endpoint["EndpointStatus"] as? String == "InService")
            let firstConfig = try #require(endpoint["EndpointConfigName"] as? String)
            #expect(firstConfig.hasPrefix("churn-dev-v1"))
            let dev = try #require(try await world.podiumJSON(["status", "--env", "dev"]) as? [[String: Any]])
            #expect(dev.first?["version"] as? Int == 1 && dev.first?["status"] as? String == "InService", "\(dev)")
            // The alarm state comes from CloudWatch JSON that stock moto labels `Content-Type: text`.
            let alarms = dev.first?["alarms"] as? [[String: Any]]
            #expect(alarms?.first?["name"] as? String == "churn-dev-5xx" && alarms?.first?["state"] as? String == "OK")

            // Promote onto the existing endpoint needs UpdateEndpoint, which stock moto lacks: a clear failure.
            r = try await world.podium(["promote", "churn", "3", "--to", "dev", "--yes"])
            #expect(r.code == 1, "\(r.stdout)\n\(r.stderr)")
            #expect(r.stderr.contains("SageMaker UpdateEndpoint failed: HTTP 500"), "\(r.stderr)")
            #expect(r.stderr.contains("HTML page: 500 Internal Server Error"), "\(r.stderr)")
            #expect(r.stderr.contains("may not implement UpdateEndpoint"), "\(r.stderr)")
            expectClean(r, "promote (update)")
            endpoint = try await world.fixtureJSON("describe-endpoint", "111111111111", "us-east-1", "churn-dev")
            #expect(endpoint["EndpointConfigName"] as? String == firstConfig, "the endpoint moved: \(endpoint)")

            // Rollback has nothing podium created before v1 to go back to: refused with the reason.
            r = try await world.podium(["rollback", "dev", "churn-dev", "--yes"])
            #expect(r.code == 3, "\(r.stdout)\n\(r.stderr)")
            #expect(r.stderr.contains("no previous endpoint config to roll back to"), "\(r.stderr)")
            expectClean(r, "rollback")

            // Every change and the failed attempt are in the audit log.
            let audit = try #require(try await world.podiumJSON(["audit"]) as? [[String: Any]])
            func records(_ action: String, _ outcome: String) -> [[String: Any]] {
                audit.filter { $0["action"] as? String == action && $0["outcome"] as? String == outcome }
            }
            #expect(records("approve", "success").first?["target"] as? String == groupsArn(version: 3))
            #expect(records("reject", "success").first?["target"] as? String == groupsArn(version: 2))
            #expect(records("promote", "success").count == 1)
            let failed = records("promote", "failure")
            #expect(failed.count == 1, "\(audit)")
            #expect((failed.first?["error"] as? String)?.contains("UpdateEndpoint failed: HTTP 500") == true)
            #expect(
                failed.first?["environment"] as? String == "dev" && failed.first?["target"] as? String == "churn-dev")
            let text = try await world.podium(["audit"])
            #expect(text.code == 0 && text.stdout.contains("failure"), "\(text.stderr)")
        }
    }

    @Test func watchShowsStockMotoAnswersInTmux() async throws {
        guard TmuxSession.shouldRun else { return }
        try await StockMotoWorld.with { world in
            let promoted = try await world.podium(["promote", "churn", "1", "--to", "dev", "--yes"])
            #expect(promoted.code == 0, "\(promoted.stderr)")
            let tmux = try world.launch(["watch", "--refresh", "1s"])
            defer { tmux.kill() }
            let screen = try await tmux.waitUntil("the watch dashboard with both environments", timeout: .seconds(60)) {
                $0.contains("Podium watch") && $0.contains("churn-dev") && $0.contains("InService")
                    && $0.contains("churn v1") && $0.components(separatedBy: "updated ").count - 1 >= 2
            }
            for marker in ["cannot read", "cut short", "ERROR", "Fatal error"] {
                #expect(!screen.contains(marker), "\(marker) on screen:\n\(screen)")
            }
            // The pending page reads the registry too: v3 is still waiting.
            try tmux.sendKeys("3")
            let pending = try await tmux.waitFor(text: "Pending approval (1)", timeout: .seconds(20))
            #expect(pending.contains("churn"))
            try tmux.sendKeys("q")
            #expect(try await tmux.waitForExit(timeout: .seconds(30)) == 0)
        }
    }

    @Test func theConsoleApprovesFromThePendingQueue() async throws {
        guard TmuxSession.shouldRun else { return }
        try await StockMotoWorld.with { world in
            let tmux = try world.launch(["console"])
            defer { tmux.kill() }
            try await tmux.waitFor(text: "Pending (1)", timeout: .seconds(60))
            try tmux.sendKeys("3")
            try await tmux.waitFor(text: "Pending approval (1)", timeout: .seconds(30))
            try tmux.sendKeys("a")
            try await tmux.waitFor(text: "Approve churn v3", timeout: .seconds(20))
            try tmux.sendText("approved against stock moto")
            try await tmux.waitFor(text: "approved against stock moto", timeout: .seconds(20))
            try tmux.sendKeys("Enter")
            let done = try await tmux.waitFor(text: "Approved churn v3", timeout: .seconds(60))
            #expect(!done.contains("cannot read") && !done.contains("cut short"), "\(done)")
            let package = try await world.fixtureJSON("package", "churn", "3")
            #expect(package["status"] as? String == "Approved")
            #expect((package["description"] as? String)?.contains("approved against stock moto") == true)
        }
    }

    private func groupsArn(version: Int) -> String {
        "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/\(version)"
    }
}
