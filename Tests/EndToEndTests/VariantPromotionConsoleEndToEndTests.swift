import Foundation
import PodiumTestSupport
import Testing

/// The console's challenger promotion in tmux against the emulator: churn v2 picked in the registry, `p`, `v` for
/// "add as challenger", the name and the weight 10, the plan confirmed in the traffic pane; the endpoint then has
/// two variants, read back with boto3 (an independent client) and shown on the dashboard.
@Suite("Console variant promotion end to end", .serialized, .enabled(if: TmuxSession.shouldRun))
struct VariantPromotionConsoleEndToEndTests {
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
                variants: [{ name: champion, instance_type: ml.m5.large }]
        """

    @Test("v2 added as a challenger with weight 10 beside v1: p, v, Enter, Enter, 10, Enter, y")
    func challengerFromThePicker() async throws {
        let world = try await CLITestWorld(config: Self.config)
        defer { Task { await world.stop() } }
        let made = try await world.variantsFixture("endpoint", "111111111111", "us-east-1", "churn-ab", "champion:1:90")
        #expect(made.code == 0, "\(made.stderr)")
        let tmux = try TmuxSession.start(
            command: [CLITestWorld.podium, "--config", world.configPath], width: 140, height: 34,
            environment: world.environment)
        defer { tmux.kill() }
        try await tmux.waitFor(text: "churn-ab")

        // churn's versions (v3 pending, v2, v1), v2 selected, then `p`.
        try tmux.sendKeys(":")
        try tmux.sendText("group churn")
        try tmux.sendKeys("Enter")
        try await tmux.waitUntil("the versions of churn") {
            $0.contains("v3") && $0.contains("v2") && $0.contains("v1")
        }
        try tmux.sendKeys("Down")
        try tmux.sendKeys("p")
        try await tmux.waitFor(text: "Promote churn v2 to… · replace what runs")
        try tmux.sendKeys("v")
        try await tmux.waitFor(text: "Promote churn v2 to… · add as challenger")
        try tmux.sendKeys("Enter")
        let name = try await tmux.waitFor(text: "Variant name")
        #expect(name.contains("> challenger"), "\(name)")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(text: "Weight of challenger")
        try tmux.sendText("ten")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(text: "The weight is a number above 0, not ten.")
        try tmux.sendKeys("BSpace", "BSpace", "BSpace")
        try tmux.sendText("10")
        try await world.emulator.clearRequests()
        try tmux.sendKeys("Enter")
        let review = try await tmux.waitFor(text: "Add challenger challenger (churn v2) to churn-ab in dev?")
        #expect(review.contains("CreateEndpointConfig"), "\(review)")
        // Nothing changed by the keys so far: only reads.
        let before = try await world.emulator.requests().filter { $0.service == "sagemaker" }.map(\.operation)
        #expect(before.allSatisfy { $0.hasPrefix("Describe") || $0.hasPrefix("List") }, "\(before)")
        try tmux.sendKeys("y")
        try await tmux.waitFor(text: "Weights in service: champion 90%, challenger 10%", timeout: .seconds(30))

        // Read back by boto3: the endpoint runs both variants, the champion keeping 90, the challenger at 10.
        let described = try await world.variantsFixture("describe", "111111111111", "us-east-1", "churn-ab")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(described.stdout.utf8)) as? [String: Any], "\(described)")
        let variants = try #require(json["variants"] as? [String: [Double]], "\(json)")
        #expect(Set(variants.keys) == ["champion", "challenger"], "\(variants)")
        #expect(variants["champion"]?.last == 90, "\(variants)")
        #expect(variants["challenger"]?.last == 10, "\(variants)")
        try tmux.sendKeys("Escape")
        try await tmux.waitUntil("the pane closed") { !$0.contains("Traffic ·") }
        try tmux.sendKeys("1")
        try await tmux.waitUntil("both variant rows on the dashboard") {
            !$0.contains("Traffic ·") && $0.contains("├ champion") && $0.contains("└ challenger")
        }
        // Audited as a promotion (an addition is one), started then succeeded.
        let audit = try await world.audit().filter { $0["action"] as? String == "promote" }
        #expect(audit.compactMap { $0["outcome"] as? String } == ["started", "success"], "\(audit)")
        try tmux.sendKeys("C-c")
        try await waitForPaneDeath(tmux)
    }
}
