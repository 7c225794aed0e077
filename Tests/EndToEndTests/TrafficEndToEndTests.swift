import Foundation
import PodiumTestSupport
import Testing

/// `podium traffic` against the emulator (issue 15): a champion and a challenger shown per variant; weights shifted
/// to 50/50, then 0/100; the old variant retired; a shadow and a serverless endpoint shown; each refusal.
@Suite(.serialized) struct TrafficEndToEndTests {

    /// One dev environment with the three endpoints; `strategy` is its deployment strategy's YAML.
    static func config(strategy: String = "strategy: all_at_once") -> String {
        """
        registry: { region: us-east-1 }
        environments:
          - name: dev
            region: us-east-1
            credentials: { role_arn: arn:aws:iam::111111111111:role/podium-promoter }
            execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec
            deployment: { \(strategy) }
            endpoints:
              - name: churn-ab
                model_package_group: churn
                variants:
                  - { name: champion, weight: 90, instance_type: ml.m5.large }
                  - { name: challenger, weight: 10, instance_type: ml.m5.large }
              - name: churn-shadow
                model_package_group: churn
                variants: [{ name: AllTraffic, instance_type: ml.m5.large }]
              - name: churn-sl
                model_package_group: churn
                variants: [{ name: AllTraffic, serverless: { memory_mb: 2048, max_concurrency: 5 } }]
        """
    }

    func describe(_ world: CLITestWorld, _ endpoint: String) async throws -> [String: Any] {
        let result = try await world.variantsFixture("describe", "111111111111", "us-east-1", endpoint)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func json(_ result: CLIResult) throws -> [String: Any] {
        #expect(result.code == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// The SageMaker operations made since the log was cleared, in order.
    func calls(_ world: CLITestWorld) async throws -> [String] {
        try await world.emulator.requests().filter { $0.service == "sagemaker" }.map(\.operation)
    }

    @Test func championChallengerShiftAndRetire() async throws {
        let world = try await CLITestWorld(config: Self.config())
        defer { Task { await world.stop() } }
        let made = try await world.variantsFixture(
            "endpoint", "111111111111", "us-east-1", "churn-ab", "champion:1:90", "challenger:2:10")
        #expect(made.code == 0, "\(made.stderr)")

        // shown per variant, followed to its version
        let shown = try json(try await world.podium(["traffic", "churn-ab", "--env", "dev", "--json"]))
        let variants = try #require(shown["variants"] as? [[String: Any]])
        #expect(variants.map { $0["name"] as? String } == ["champion", "challenger"])
        #expect(variants.map { $0["version"] as? Int } == [1, 2])
        #expect(variants.map { $0["traffic_percent"] as? Double } == [90, 10])
        #expect(variants.map { $0["instance_type"] as? String } == ["ml.m5.large", "ml.m5.large"])
        let table = try await world.podium(["traffic", "churn-ab", "--env", "dev"])
        #expect(table.stdout.contains("champion") && table.stdout.contains("churn v1") && table.stdout.contains("90%"))

        // 50/50: UpdateEndpointWeightsAndCapacities, followed until current; audited
        try await world.emulator.clearRequests()
        let half = try await world.podium([
            "traffic", "churn-ab", "--env", "dev", "--set", "champion=50", "--set", "challenger=50", "--yes",
        ])
        #expect(half.code == 0, "\(half.stderr)")
        #expect(half.stdout.contains("champion 90 → 50 (90% → 50% of requests)"))
        let shiftCalls = try await calls(world)
        #expect(shiftCalls.contains("UpdateEndpointWeightsAndCapacities"))
        #expect(!shiftCalls.contains("CreateEndpointConfig") && !shiftCalls.contains("UpdateEndpoint"))
        var described = try await describe(world, "churn-ab")
        #expect((described["variants"] as? [String: [Double]])?["champion"] == [50, 50])

        // 0/100
        let all = try await world.podium([
            "traffic", "churn-ab", "--env", "dev", "--set", "champion=0", "--set", "challenger=100", "--yes",
        ])
        #expect(all.code == 0, "\(all.stderr)")
        described = try await describe(world, "churn-ab")
        #expect((described["variants"] as? [String: [Double]])?["challenger"] == [100, 100])

        // retire the old variant: a new config of the others, UpdateEndpoint, followed
        try await world.emulator.clearRequests()
        let retired = try await world.podium(["traffic", "churn-ab", "--env", "dev", "--retire", "champion", "--yes"])
        #expect(retired.code == 0, "\(retired.stderr)")
        let retireCalls = try await calls(world)
        #expect(retireCalls.contains("CreateEndpointConfig") && retireCalls.contains("UpdateEndpoint"))
        described = try await describe(world, "churn-ab")
        #expect((described["variants"] as? [String: [Double]]).map { Array($0.keys) } == ["challenger"])
        #expect((described["config"] as? String)?.hasPrefix("churn-ab-r-") == true)

        let audit = try await world.audit()
        let traffic = audit.filter { $0["action"] as? String == "traffic" }
        #expect(
            traffic.compactMap { $0["outcome"] as? String } == [
                "started", "success", "started", "success", "started", "success",
            ])
        Self.report(
            "shift 50/50: \(shiftCalls.joined(separator: ", "))\nretire: \(retireCalls.joined(separator: ", "))")
    }

    @Test func statusShowsEachVariantWithItsMetricsInOneGetMetricDataCall() async throws {
        let world = try await CLITestWorld(config: Self.config())
        defer { Task { await world.stop() } }
        _ = try await world.variantsFixture(
            "endpoint", "111111111111", "us-east-1", "churn-ab", "champion:1:90", "challenger:2:10")
        _ = try await world.variantsFixture(
            "endpoint", "111111111111", "us-east-1", "churn-sl", "AllTraffic:2:1:serverless")
        for (variant, invocations, errors, latency) in [
            ("champion", "900", "9", "40"), ("challenger", "100", "5", "80"),
        ] {
            let put = try await world.variantsFixture(
                "metrics", "111111111111", "us-east-1", "churn-ab", variant, invocations, errors, latency)
            #expect(put.code == 0, "\(put.stderr)")
        }
        _ = try await world.variantsFixture(
            "metrics", "111111111111", "us-east-1", "churn-sl", "AllTraffic", "20", "0", "300", "4200")
        try await world.emulator.clearRequests()
        let status = try await world.status("dev")
        let requests = try await world.emulator.requests()
        #expect(requests.filter { $0.operation == "GetMetricData" }.count == 1)
        let ab = try #require(status.first { $0["endpoint"] as? String == "churn-ab" })
        #expect(ab["version"] as? Int == 1)  // the variant with the most weight
        let variants = try #require(ab["variants"] as? [[String: Any]])
        #expect(variants.map { $0["name"] as? String } == ["champion", "challenger"])
        #expect(variants.map { $0["version"] as? Int } == [1, 2])
        let metrics = variants.compactMap { $0["metrics"] as? [String: Any] }
        #expect(metrics.compactMap { $0["error_5xx_percent"] as? Double } == [1, 5])
        #expect(metrics.compactMap { $0["latency_p99_ms"] as? Double } == [40, 80])
        let serverless = try #require(status.first { $0["endpoint"] as? String == "churn-sl" })
        let only = try #require((serverless["variants"] as? [[String: Any]])?.first)
        #expect((only["serverless"] as? [String: Int]) == ["memory_mb": 2048, "max_concurrency": 5])
        #expect((only["metrics"] as? [String: Any])?.keys.contains("cpu_percent") == false)
        #expect((only["metrics"] as? [String: Any])?["model_setup_ms"] as? Double == 4200)
        // a plain endpoint keeps an empty list
        let shadowless = status.first { $0["endpoint"] as? String == "churn-shadow" }
        #expect((shadowless?["variants"] as? [Any])?.isEmpty == true)
    }

    @Test func shadowAndServerlessAreShown() async throws {
        let world = try await CLITestWorld(config: Self.config())
        defer { Task { await world.stop() } }
        _ = try await world.variantsFixture(
            "endpoint", "111111111111", "us-east-1", "churn-shadow", "AllTraffic:1:1", "shadow:2:0.2:shadow")
        _ = try await world.variantsFixture(
            "endpoint", "111111111111", "us-east-1", "churn-sl", "AllTraffic:2:1:serverless")
        for (variant, invocations, errors, latency) in [
            ("AllTraffic", "1000", "0", "50"), ("shadow", "200", "2", "62"),
        ] {
            _ = try await world.variantsFixture(
                "metrics", "111111111111", "us-east-1", "churn-shadow", variant, invocations, errors, latency)
        }
        try await world.emulator.clearRequests()
        let shown = try await world.podium(["traffic", "churn-shadow", "--env", "dev"])
        #expect(
            shown.stdout.contains(
                "shadow vs AllTraffic: p99 +12ms (62ms vs 50ms), 4xx +0.0% (0.0% vs 0.0%), 5xx +1.0% (1.0% vs 0.0%)"),
            "\(shown.stdout)")
        #expect(try await world.emulator.requests().filter { $0.operation == "GetMetricData" }.count == 1)
        let shadow = try json(try await world.podium(["traffic", "churn-shadow", "--env", "dev", "--json"]))
        let variants = try #require(shadow["variants"] as? [[String: Any]])
        #expect(variants.map { $0["role"] as? String } == ["production", "shadow"])
        #expect(variants.last?["sampling_percent"] as? Double == 20)
        #expect(variants.last?["version"] as? Int == 2)
        #expect((variants.last?["metrics"] as? [String: Any])?["latency_p99_ms"] as? Double == 62)
        let serverless = try json(try await world.podium(["traffic", "churn-sl", "--env", "dev", "--json"]))
        let only = try #require((serverless["variants"] as? [[String: Any]])?.first)
        #expect((only["serverless"] as? [String: Int]) == ["memory_mb": 2048, "max_concurrency": 5])
        #expect(only["instance_type"] is NSNull || only["instance_type"] == nil)
        let table = try await world.podium(["traffic", "churn-sl", "--env", "dev"])
        #expect(table.stdout.contains("serverless 2048 MB × 5"))
    }

    @Test func aChallengerWaitsForTheGateWhileAShadowIsOnlyWarned() async throws {
        // prod's gate wants the version in dev first; v2 is not there. A challenger serves prod's callers.
        let config =
            Self.config() + """

                  - name: prod
                    region: eu-west-1
                    credentials: { role_arn: arn:aws:iam::333333333333:role/podium-promoter }
                    execution_role_arn: arn:aws:iam::333333333333:role/sagemaker-exec
                    gate: { requires: dev, healthy_for: 1s }
                    deployment: { strategy: all_at_once }
                    endpoints:
                      - name: churn-prod
                        model_package_group: churn
                        variants: [{ name: AllTraffic, instance_type: ml.m5.large }]
                """
        let world = try await CLITestWorld(config: config)
        defer { Task { await world.stop() } }
        let made = try await world.variantsFixture(
            "endpoint", "333333333333", "eu-west-1", "churn-prod", "AllTraffic:1:1")
        #expect(made.code == 0, "\(made.stderr)")
        try await world.emulator.clearRequests()
        let base = ["promote", "churn", "2", "--to", "prod", "--endpoint", "churn-prod"]
        let challenger = try await world.podium(base + ["--as-variant", "challenger", "--weight", "10", "--yes"])
        #expect(challenger.code == 3, "\(challenger.stdout)\n\(challenger.stderr)")
        #expect(
            (challenger.stdout + challenger.stderr).contains("gate: "), "\(challenger.stdout)\n\(challenger.stderr)")
        let shadow = try await world.podium(base + ["--as-shadow", "shadow", "--sample", "20", "--plan"])
        #expect(shadow.code == 0, "\(shadow.stdout)\n\(shadow.stderr)")
        #expect(shadow.stdout.contains("gate not met (a shadow answers no caller)"), "\(shadow.stdout)")
        let writes = try await calls(world).filter { $0.hasPrefix("Create") || $0.hasPrefix("Update") }
        #expect(writes.isEmpty, "\(writes)")
    }

    @Test func aChallengerRejectedWhileItsRunWaitsToWriteIsNotAdded() async throws {
        let world = try await CLITestWorld(config: Self.config())
        defer { Task { await world.stop() } }
        _ = try await world.variantsFixture("endpoint", "111111111111", "us-east-1", "churn-ab", "champion:1:90")
        let hold = world.directory.appendingPathComponent("hold").path
        let held = try await TwoOperatorsTests.startHeld(
            world,
            [
                "promote", "churn", "2", "--to", "dev", "--endpoint", "churn-ab", "--as-variant", "challenger",
                "--weight", "10", "--yes",
            ], hold: hold)
        // Another operator rejects v2 while the first run, planned and confirmed, is about to write.
        let rejected = try await world.podium([
            "reject", "churn", "2", "--comment", "regression found", "--expect-status", "approved",
        ])
        #expect(rejected.code == 0, "\(rejected.stderr)")
        try await world.emulator.clearRequests()
        TwoOperatorsTests.release(hold)
        let result = await held.wait()
        #expect(result.code == 3, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("changed since the plan: churn v2 is now Rejected"), "\(result.stderr)")
        let writes = try await calls(world).filter { $0.hasPrefix("Create") || $0.hasPrefix("Update") }
        #expect(writes.isEmpty, "\(writes)")
    }

    @Test func challengerAddedAtTenPercentAndShadowStartedThenPromoted() async throws {
        let world = try await CLITestWorld(config: Self.config())
        defer { Task { await world.stop() } }
        _ = try await world.variantsFixture("endpoint", "111111111111", "us-east-1", "churn-ab", "champion:1:90")
        try await world.emulator.clearRequests()
        let added = try await world.podium([
            "promote", "churn", "2", "--to", "dev", "--endpoint", "churn-ab", "--as-variant", "challenger", "--weight",
            "10", "--yes",
        ])
        #expect(added.code == 0, "\(added.stderr)")
        #expect(added.stdout.contains("challenger 0 → 10 (0% → 10% of requests)"), "\(added.stdout)")
        let addCalls = try await calls(world)
        #expect(addCalls.contains("CreateModel") && addCalls.contains("CreateEndpointConfig"))
        let shown = try json(try await world.podium(["traffic", "churn-ab", "--env", "dev", "--json"]))
        let variants = try #require(shown["variants"] as? [[String: Any]])
        #expect(variants.map { $0["version"] as? Int } == [1, 2])
        #expect(variants.map { $0["traffic_percent"] as? Double } == [90, 10])

        // a shadow test: started with a 20 % sample, then promoted in one confirmed step
        _ = try await world.variantsFixture("endpoint", "111111111111", "us-east-1", "churn-shadow", "AllTraffic:1:1")
        try await world.emulator.clearRequests()
        let shadow = try await world.podium([
            "promote", "churn", "2", "--to", "dev", "--endpoint", "churn-shadow", "--as-shadow", "shadow", "--sample",
            "20", "--yes",
        ])
        #expect(shadow.code == 0, "\(shadow.stderr)")
        let shadowCalls = try await calls(world)
        var described = try await describe(world, "churn-shadow")
        #expect((described["variants"] as? [String: [Double]])?["shadow"] == [0.2, 0.2])
        try await world.emulator.clearRequests()
        let promoted = try await world.podium(["traffic", "churn-shadow", "--env", "dev", "--promote-shadow", "--yes"])
        #expect(promoted.code == 0, "\(promoted.stderr)")
        let promoteCalls = try await calls(world)
        described = try await describe(world, "churn-shadow")
        #expect((described["variants"] as? [String: [Double]]).map { Array($0.keys) } == ["AllTraffic"])
        let after = try json(try await world.podium(["traffic", "churn-shadow", "--env", "dev", "--json"]))
        #expect((after["variants"] as? [[String: Any]])?.map { $0["version"] as? Int } == [2])
        let audit = try await world.audit()
        #expect(
            audit.filter { $0["action"] as? String == "promote" }.compactMap { $0["outcome"] as? String } == [
                "started", "success", "started", "success", "started", "success",
            ])
        Self.report(
            "add challenger: \(addCalls.joined(separator: ", "))\nadd shadow: \(shadowCalls.joined(separator: ", "))\npromote shadow: \(promoteCalls.joined(separator: ", "))",
            name: "promote")
    }

    @Test func refusals() async throws {
        let world = try await CLITestWorld(config: Self.config())
        defer { Task { await world.stop() } }
        _ = try await world.variantsFixture(
            "endpoint", "111111111111", "us-east-1", "churn-ab", "champion:1:90", "challenger:2:10")
        // bad weights: nothing changes, exit 3, recorded
        let zero = try await world.podium([
            "traffic", "churn-ab", "--env", "dev", "--set", "champion=0", "--set", "challenger=0", "--yes",
        ])
        #expect(zero.code == 3)
        #expect(zero.stderr.contains("every production variant would get weight 0"))
        let unknown = try await world.podium(["traffic", "churn-ab", "--env", "dev", "--set", "nope=5", "--yes"])
        #expect(unknown.code == 3 && unknown.stderr.contains("has no variant nope"))
        let malformed = try await world.podium(["traffic", "churn-ab", "--env", "dev", "--set", "champion=-3"])
        #expect(malformed.code == 2 && malformed.stderr.contains("VARIANT=WEIGHT"))
        // read-only
        let readOnly = try await world.podium([
            "--read-only", "traffic", "churn-ab", "--env", "dev", "--set", "champion=50", "--yes",
        ])
        #expect(readOnly.code == 3 && readOnly.stderr.contains("read-only"), "\(readOnly.stderr)")
        // not confirmed without a terminal
        let unconfirmed = try await world.podium(["traffic", "churn-ab", "--env", "dev", "--set", "champion=50"])
        #expect(unconfirmed.code == 3 && unconfirmed.stderr.contains("not confirmed"))
        let described = try await describe(world, "churn-ab")
        #expect((described["variants"] as? [String: [Double]])?["champion"] == [90, 90])
        // an excluded strategy is a config error citing the rule
        try Self.config(strategy: "strategy: rolling, batch_percent: 50, wait: 1m").write(
            toFile: world.configPath, atomically: true, encoding: .utf8)
        let rolling = try await world.podium(["traffic", "churn-ab", "--env", "dev"])
        #expect(rolling.code == 2)
        #expect(
            rolling.stderr.contains(
                "SageMaker excludes multi-variant and serverless endpoints from rolling deployments"))
    }

    /// Writes the calls a flow made to `$PODIUM_TRAFFIC_CALLS-<name>` when set (for the closing note).
    static func report(_ text: String, name: String = "traffic") {
        if let path = ProcessInfo.processInfo.environment["PODIUM_TRAFFIC_CALLS"] {
            try? text.write(toFile: "\(path)-\(name)", atomically: true, encoding: .utf8)
        }
    }
}
