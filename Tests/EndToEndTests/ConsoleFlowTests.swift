import Foundation
import PodiumTestSupport
import Testing

extension ConsoleE2E {
    /// The console's operator flows, driven with the keyboard in tmux against the seeded emulator; every result is
    /// checked in the emulator with boto3 (an independent client), not only on screen.
    @Suite struct ConsoleFlowTests {
        /// Waits until the dashboard shows every environment fresh and the registry loaded (pending count in the tabs).
        static func waitForLoadedDashboard(_ tmux: TmuxSession, pending: Int = 5) async throws -> String {
            try await tmux.waitUntil(
                "a loaded dashboard (3 environments fresh, Pending (\(pending)))", timeout: .seconds(90)
            ) {
                screen in
                screen.contains("Pending (\(pending))") && screen.components(separatedBy: "updated ").count - 1 >= 3
                    && !screen.contains("loading")
            }
        }

        /// The line of the screen containing `text`.
        static func line(_ screen: String, containing text: String) -> String? {
            screen.split(separator: "\n").first { $0.contains(text) }.map(String.init)
        }

        @Test func approvesAPendingPackageWithTheKeyboardOnly() async throws {
            try await ConsoleE2EWorld.with { world in
                let tmux = try world.launch(["console"])
                try await Self.waitForLoadedDashboard(tmux)

                // Pending queue: number key 3.
                try tmux.sendKeys("3")
                try await tmux.waitUntil("the pending queue with its 5 versions", timeout: .seconds(30)) {
                    $0.contains("Pending approval (5)") && $0.contains("Retrained on October data")
                        && $0.contains("Larger embedding tables")
                }

                // `a` on the selected row opens the comment prompt naming the version.
                try tmux.sendKeys("a")
                let prompt = try await tmux.waitFor(text: "Comment (required", timeout: .seconds(20))
                let title = try #require(Self.line(prompt, containing: "Approve "), "no Approve title:\n\(prompt)")
                let match = try #require(
                    title.firstMatch(of: /Approve ([a-z-]+) v([0-9]+)/), "no version in the prompt title: \(title)")
                let group = String(match.output.1)
                let version = String(match.output.2)
                let before = try await world.fixtureJSON("package", group, version)
                #expect(before["status"] as? String == "PendingManualApproval")

                // An empty comment is refused; then the comment is typed and sent with Enter.
                try tmux.sendKeys("Enter")
                try await tmux.waitFor(text: "A comment is required.", timeout: .seconds(20))
                let comment = "e2e keyboard approval \(UUID().uuidString.prefix(8).lowercased())"
                try tmux.sendText(comment)
                try await tmux.waitFor(text: comment, timeout: .seconds(20))
                try tmux.sendKeys("Enter")
                try await tmux.waitFor(text: "Approved \(group) v\(version)", timeout: .seconds(60))
                try await tmux.waitFor(text: "Pending (4)", timeout: .seconds(60))

                // The registry, read with boto3.
                let after = try await world.fixtureJSON("package", group, version)
                #expect(after["status"] as? String == "Approved")
                let description = try #require(after["description"] as? String)
                #expect(description.contains(comment), "ApprovalDescription: \(description)")

                // Only that version changed: the queue still lists the other four.
                let queue = try await tmux.waitUntil("the queue without the approved version", timeout: .seconds(30)) {
                    $0.contains("Pending approval (4)")
                }
                #expect(!queue.contains("A comment is required."))
                let requests = try await world.emulator.requests()
                let writes = requests.filter { $0.operation == "UpdateModelPackage" }
                #expect(writes.count == 1, "UpdateModelPackage calls: \(writes.count)")
            }
        }

        @Test func promotesFromDevToProdAfterTheGateOpensWithTypedConfirmation() async throws {
            var edits = ConsoleE2EWorld.shortGates.filter { !$0.0.contains("requires: preprod") }
            edits.append(("gate: { requires: preprod, healthy_for: 2m }", "gate: { requires: dev, healthy_for: 20s }"))
            try await ConsoleE2EWorld.with(config: edits) { world in
                // fraud-detector v3 is approved (by someone else); dev runs v2, prod runs v1.
                try await world.fixture(["approve", "fraud-detector", "3", "approved for the console e2e test"])
                try await world.emulator.setEndpointTimings(create: 3, update: 3)
                let tmux = try world.launch(["console"])
                try await Self.waitForLoadedDashboard(tmux, pending: 4)

                // The versions of the group (command line), the version (filter), then `p`.
                try tmux.sendKeys(":")
                try tmux.sendText("group fraud-detector")
                try tmux.sendKeys("Enter")
                try await tmux.waitFor(text: "Distilled transformer", timeout: .seconds(30))
                try tmux.sendKeys("/")
                try tmux.sendText("Distilled")
                try tmux.sendKeys("Enter")
                try tmux.sendKeys("p")
                var picker = try await Self.waitForPicker(tmux, version: "fraud-detector v3")

                // Refused at first: v3 has never run in dev.
                let prodLine = try #require(Self.line(picker, containing: "fraud-detector-prod"), "\(picker)")
                #expect(prodLine.contains("disabled:"), "prod should be disabled: \(prodLine)")
                #expect(prodLine.contains("not deployed in dev"), "reason: \(prodLine)")
                try tmux.sendKeys("Down", "Down", "Enter")
                try await tmux.waitUntil("the picker refusing prod", timeout: .seconds(20)) { screen in
                    screen.split(separator: "\n").contains {
                        $0.contains("prod: ") && !$0.contains("disabled:") && $0.contains("not deployed in dev")
                    }
                }

                // Promote to dev first (y/n confirmation there).
                try tmux.sendKeys("Up", "Up", "Enter")
                try await tmux.waitFor(text: "Promote fraud-detector-dev in dev?", timeout: .seconds(20))
                try tmux.sendKeys("y")
                try await tmux.waitFor(text: "Done: fraud-detector-dev is InService", timeout: .seconds(90))
                try tmux.sendKeys("Enter")

                // Now prod is refused because v3 has not run in dev for 20s yet and dev has no healthy traffic.
                try tmux.sendKeys("p")
                picker = try await Self.waitForPicker(tmux, version: "fraud-detector v3")
                let refused = try #require(Self.line(picker, containing: "fraud-detector-prod"), "\(picker)")
                #expect(refused.contains("disabled:"), "prod should still be disabled: \(refused)")
                #expect(
                    refused.contains("the gate needs 20s") || refused.contains("is unknown"), "reason: \(refused)")
                try tmux.sendKeys("Escape")

                // Healthy traffic in dev; the gate opens once v3 has run there for 20s.
                try await world.fixture(["metrics", "111111111111", "us-east-1", "fraud-detector-dev", "3", "120"])
                var opened = ""
                let didOpen = try await ConsoleE2EWorld.eventually(timeout: .seconds(120), every: .seconds(1)) {
                    try tmux.sendKeys("p")
                    let screen = try await Self.waitForPicker(tmux, version: "fraud-detector v3")
                    try tmux.sendKeys("Escape")
                    try await tmux.waitUntil("the picker closed", timeout: .seconds(20)) { !$0.contains("Enter picks") }
                    let line = Self.line(screen, containing: "fraud-detector-prod") ?? ""
                    opened = screen
                    return !line.contains("disabled:") && line.contains("fraud-detector v1 → fraud-detector v3")
                }
                #expect(didOpen, "the prod gate never opened; last picker:\n\(opened)")
                guard didOpen else { return }

                // Pick prod: the plan asks for the endpoint name.
                try tmux.sendKeys("p")
                _ = try await Self.waitForPicker(tmux, version: "fraud-detector v3")
                try tmux.sendKeys("Down", "Down", "Enter")
                let confirm = try await tmux.waitFor(text: "Type fraud-detector-prod to confirm", timeout: .seconds(20))
                #expect(confirm.contains("fraud-detector v1 →"), "plan:\n\(confirm)")
                #expect(confirm.contains("fraud-detector-prod-v1 → fraud-detector-prod-v3"), "plan:\n\(confirm)")

                // A wrong name is refused; the right one starts the deployment.
                try tmux.sendText("fraud-detector-dev")
                try tmux.sendKeys("Enter")
                try await tmux.waitFor(text: "does not match", timeout: .seconds(20))
                try tmux.sendKeys(Array(repeating: "BSpace", count: "fraud-detector-dev".count))
                // A slower update, so the progress can be hidden and shown again while it runs.
                try await world.emulator.setEndpointTimings(create: 3, update: 10)
                try tmux.sendText("fraud-detector-prod")
                try tmux.sendKeys("Enter")
                let progress = try await tmux.waitUntil("the progress pane", timeout: .seconds(30)) {
                    $0.contains("Promotion fraud-detector-prod (prod)")
                }
                #expect(progress.contains("Wait for InService") || progress.contains("Create model"), "\(progress)")
                // Esc hides the pane; the deployment carries on and the status bar says so; `w` shows it again.
                try tmux.sendKeys("Escape")
                let hidden = try await tmux.waitUntil("the pane hidden, the deployment running", timeout: .seconds(20))
                {
                    !$0.contains("Promotion fraud-detector-prod (prod)") && $0.contains("carries on in the background")
                }
                let statusBar = hidden.split(separator: "\n").dropLast().last.map(String.init) ?? ""
                #expect(statusBar.contains("promote fraud-detector-prod"), "status bar: \(statusBar)")
                try tmux.sendKeys("w")
                try await tmux.waitFor(text: "Done: fraud-detector-prod is InService", timeout: .seconds(120))

                // What the endpoint really runs, read with boto3.
                let prod = try await world.endpoint("prod", "fraud-detector-prod")
                #expect(prod["status"] as? String == "InService")
                let variants = try #require(prod["variants"] as? [[String: Any]])
                #expect(variants.count == 1)
                let package = variants.first?["package"] as? String ?? ""
                #expect(package.hasSuffix("model-package/fraud-detector/3"), "prod runs \(package)")
                #expect(variants.first?["instance_type"] as? String == "ml.m5.xlarge")
                #expect(variants.first?["count"] as? Int == 2)
                let dev = try await world.endpoint("dev", "fraud-detector-dev")
                let devPackage = (dev["variants"] as? [[String: Any]])?.first?["package"] as? String ?? ""
                #expect(devPackage.hasSuffix("model-package/fraud-detector/3"), "dev runs \(devPackage)")
            }
        }

        /// Waits for the promotion target picker with every target's gate checked.
        static func waitForPicker(_ tmux: TmuxSession, version: String) async throws -> String {
            try await tmux.waitUntil("the target picker for \(version), gates checked", timeout: .seconds(45)) {
                $0.contains("Promote \(version) to") && !$0.contains("checking the gate")
                    && $0.contains("fraud-detector-prod")
            }
        }

        @Test func rollsBackADashboardEndpoint() async throws {
            try await ConsoleE2EWorld.with { world in
                try await world.emulator.setEndpointTimings(create: 3, update: 3)
                let before = try await world.endpoint("dev", "churn-dev")
                let beforePackage = (before["variants"] as? [[String: Any]])?.first?["package"] as? String ?? ""
                #expect(beforePackage.hasSuffix("model-package/churn/4"), "seeded churn-dev runs \(beforePackage)")

                let tmux = try world.launch(["console"])
                try await Self.waitForLoadedDashboard(tmux)
                // The first dashboard row is dev's first endpoint, churn-dev (v3 then v4 were deployed).
                try tmux.sendKeys("b")
                let plan = try await tmux.waitFor(text: "Roll back churn-dev in dev?", timeout: .seconds(45))
                #expect(plan.contains("churn v4 → churn v3"), "plan:\n\(plan)")
                #expect(plan.contains("[y] confirm"), "\(plan)")

                try tmux.sendKeys("y")
                // The pane's first frame may come before its step list: wait for the steps, not only the title.
                let progress = try await tmux.waitUntil("the rollback progress", timeout: .seconds(30)) {
                    $0.contains("Rollback churn-dev (dev)")
                        && ($0.contains("Wait for InService") || $0.contains("Done:"))
                }
                #expect(progress.contains("Wait for InService") || progress.contains("Done:"), "\(progress)")
                try await tmux.waitFor(text: "Done: churn-dev is InService", timeout: .seconds(120))
                try tmux.sendKeys("Enter")
                try await tmux.waitUntil("the dashboard without the progress pane", timeout: .seconds(30)) {
                    !$0.contains("Rollback churn-dev (dev)")
                }

                let after = try await world.endpoint("dev", "churn-dev")
                #expect(after["status"] as? String == "InService")
                let afterPackage = (after["variants"] as? [[String: Any]])?.first?["package"] as? String ?? ""
                #expect(
                    afterPackage.hasSuffix("model-package/churn/3"), "after the rollback churn-dev runs \(afterPackage)"
                )
                let operations = try await world.emulator.requests().map(\.operation)
                #expect(operations.contains("UpdateEndpoint"))
                #expect(!operations.contains("UpdateModelPackage"))
            }
        }
    }
}
