import Foundation
import PodiumTestSupport
import Testing

/// The console's half of issue 15 in tmux against the emulator: a champion and a challenger on the dashboard with
/// their weights; `t` opens the traffic pane; 5 points move to the challenger; the plan is reviewed and confirmed;
/// UpdateEndpointWeightsAndCapacities runs, and the dashboard shows the new weights.
@Suite("Console traffic end to end", .serialized, .enabled(if: TmuxSession.shouldRun))
struct TrafficConsoleEndToEndTests {
    static let config = """
        registry: { region: us-east-1 }
        environments:
          - name: dev
            region: us-east-1
            credentials: { role_arn: arn:aws:iam::111111111111:role/podium-promoter }
            execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec
            deployment: { strategy: all_at_once }
            endpoints:
              - name: churn-ab
                model_package_group: churn
                variants:
                  - { name: champion, weight: 90, instance_type: ml.m5.large }
                  - { name: challenger, weight: 10, instance_type: ml.m5.large }
        """

    @Test("champion and challenger shown with weights; t, → 5 %, Enter, y; the new weights in service and shown")
    func shiftFromThePane() async throws {
        let world = try await CLITestWorld(config: Self.config)
        defer { Task { await world.stop() } }
        let made = try await world.variantsFixture(
            "endpoint", "111111111111",
            "us-east-1", "churn-ab", "champion:1:90", "challenger:2:10")
        #expect(made.code == 0, "\(made.stderr)")
        // Per-variant metrics (the `VariantName` dimension) so that each row shows its own numbers.
        for (variant, invocations, errors, latency) in [
            ("champion", "900", "9", "40"), ("challenger", "100", "5", "80"),
        ] {
            let put = try await world.variantsFixture(
                "metrics", "111111111111",
                "us-east-1", "churn-ab", variant, invocations, errors, latency)
            #expect(put.code == 0, "\(put.stderr)")
        }
        let tmux = try TmuxSession.start(
            command: [CLITestWorld.podium, "--config", world.configPath], width: 140, height: 30,
            environment: world.environment)
        defer { tmux.kill() }
        let dashboard = try await tmux.waitUntil("both variant rows") {
            $0.contains("├ champion") && $0.contains("└ challenger")
        }
        #expect(dashboard.contains("champion    v1  90%  ml.m5.large×1"), "\(dashboard)")
        #expect(dashboard.contains("challenger  v2  10%  ml.m5.large×1"), "\(dashboard)")
        try? dashboard.write(toFile: "/work/team/h13-dashboard.txt", atomically: true, encoding: .utf8)

        try tmux.sendKeys("t")
        try await tmux.waitFor(text: "Traffic · churn-ab in dev")
        try tmux.sendKeys("Down")
        try tmux.sendKeys("Right")
        try await tmux.waitFor(text: "10% → 15%")
        try await world.emulator.clearRequests()
        try tmux.sendKeys("Enter")
        let review = try await tmux.waitFor(text: "Shift traffic on churn-ab in dev?")
        #expect(review.contains("challenger 10 → 15"), "\(review)")
        try tmux.sendKeys("y")
        try await tmux.waitFor(text: "Weights in service: champion 85%, challenger 15%", timeout: .seconds(20))
        let calls = try await world.emulator.requests().filter { $0.service == "sagemaker" }.map(\.operation)
        #expect(calls.contains("UpdateEndpointWeightsAndCapacities"), "\(calls)")
        #expect(!calls.contains("UpdateEndpoint") && !calls.contains("CreateEndpointConfig"), "\(calls)")
        try tmux.sendKeys("Escape")
        try await tmux.waitUntil("the pane closed, the new weights on the dashboard") {
            !$0.contains("Traffic ·") && $0.contains("champion    v1  85%") && $0.contains("challenger  v2  15%")
        }
        let audit = try await world.audit().filter { $0["action"] as? String == "traffic" }
        #expect(audit.compactMap { $0["outcome"] as? String } == ["started", "success"])
        try tmux.sendKeys("C-c")
        try await waitForPaneDeath(tmux)
    }
}
