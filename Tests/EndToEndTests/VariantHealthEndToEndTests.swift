import Foundation
import PodiumTestSupport
import Testing

/// `podium status --json` over real HTTP against the emulator: a challenger taking 10 % of requests that fails
/// makes its endpoint critical with the variant named, the endpoint line counting every caller; a plain endpoint
/// whose one variant a stack named otherwise than the config is read under its real name, and the mismatch said.
@Suite struct VariantHealthEndToEndTests {
    static let config = """
        registry: { region: us-east-1 }
        environments:
          - name: dev
            region: us-east-1
            credentials: { role_arn: arn:aws:iam::111111111111:role/podium-promoter }
            execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec
            endpoints:
              - name: churn-ab
                model_package_group: churn
                variants:
                  - { name: champion, weight: 90, instance_type: ml.m5.large }
                  - { name: challenger, weight: 10, instance_type: ml.m5.large }
              - { name: churn-blue, model_package_group: churn, instance_type: ml.m5.large }
        """

    func variantsFixture(_ world: CLITestWorld, _ arguments: String...) async throws {
        let result = try await world.variantsFixture(arguments)
        #expect(result.code == 0, "\(arguments): \(result.stderr)")
    }

    @Test func aFailingChallengerMakesItsEndpointCriticalAndNamed() async throws {
        let world = try await CLITestWorld(config: Self.config)
        defer { Task { await world.stop() } }
        let account = ["111111111111", "us-east-1"]
        try await variantsFixture(
            world, "endpoint", account[0], account[1], "churn-ab", "champion:1:90", "challenger:2:10")
        try await variantsFixture(world, "endpoint", account[0], account[1], "churn-blue", "blue:1:1")
        // champion: 900 requests, none failing; challenger: 100 requests, 12 answered 5xx; blue: 100 requests
        try await variantsFixture(world, "metrics", account[0], account[1], "churn-ab", "champion", "900", "0", "40")
        try await variantsFixture(world, "metrics", account[0], account[1], "churn-ab", "challenger", "100", "12", "80")
        try await variantsFixture(world, "metrics", account[0], account[1], "churn-blue", "blue", "100", "0", "30")
        try await world.emulator.clearRequests()

        let status = try await world.status("dev")
        let calls = try await world.emulator.requests().filter { $0.operation == "GetMetricData" }
        #expect(calls.count == 1)

        let ab = try #require(status.first { $0["endpoint"] as? String == "churn-ab" })
        #expect(ab["health"] as? String == "critical")
        let reasons = try #require(ab["reasons"] as? [String])
        #expect(reasons == ["challenger: 5xx 12% >= 5%", "5xx 1.2% >= 1%"])
        // The endpoint line counts every caller over the five minutes judged: 1,000 requests, 12 failed.
        let metrics = try #require(ab["metrics"] as? [String: Any])
        #expect(metrics["invocations_per_minute"] as? Double == 200)
        #expect(abs((metrics["error_5xx_percent"] as? Double ?? 0) - 1.2) < 1e-9)
        #expect(metrics["latency_p99_ms"] as? Double == 80)

        let blue = try #require(status.first { $0["endpoint"] as? String == "churn-blue" })
        #expect(blue["health"] as? String == "ok")
        #expect((blue["metrics"] as? [String: Any])?["invocations_per_minute"] as? Double == 20)
        #expect(blue["reasons"] as? [String] == ["variant blue on the endpoint, AllTraffic in the config"])
    }
}
