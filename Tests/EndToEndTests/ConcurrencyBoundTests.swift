import Foundation
import PodiumTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `podium groups` against the emulator, with `aws.max_concurrent_requests: 3`: a fan-out over many
/// groups never has more than three requests in flight at once. The overlap is computed from the emulator's
/// request log (arrival `time` and `duration_ms` of each request); each ListModelPackages is held 150 ms by a
/// `delay` fault so that requests do overlap whenever the client lets them.
@Suite(.serialized) struct ConcurrencyBoundTests {
    static let groupCount = 15
    static let bound = 3

    @Test func groupsFanOutStaysWithinTheConfiguredBound() async throws {
        let config = CLITestWorld.config() + "\naws: { max_concurrent_requests: \(Self.bound) }\n"
        let world = try await CLITestWorld(config: config, seedRegistry: false)
        do {
            try await createGroups(world)
            try await world.emulator.injectFault(
                operation: "ListModelPackages", kind: .delay, count: nil, delayMs: 150, service: "sagemaker")
            try await world.emulator.clearRequests()
            let result = try await world.podium(["groups", "--json"])
            #expect(result.code == 0, "\(result.stderr)")
            let listed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
            #expect(listed?.count == Self.groupCount)
            let intervals = try await requestIntervals(world.emulator.endpoint)
            #expect(intervals.count == Self.groupCount + 1)  // one ListModelPackageGroups page, one list per group
            // The client keeps the bound, and the emulator (threaded) shows the bound is what limits: it is reached.
            #expect(Self.maximumOverlap(intervals) == Self.bound)
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    /// Adaptive rate limiting (on by default): a throttle switches the client-side token bucket on, and every
    /// later send of that client waits for a token. What this test checks is the switch, not a duration (how long
    /// the retry waits depends on the rate the client measured, which depends on the machine): with
    /// `aws.adaptive_retry` on, the debug log names the new send rate after the throttle; with it off, it never
    /// does. The unit tests (`AdaptiveRateLimitingTests`) check the rates and waits against botocore's own classes
    /// with an injected clock.
    @Test(arguments: [true, false]) func throttleSwitchesClientSidePacingOn(adaptive: Bool) async throws {
        let config = CLITestWorld.config() + "\naws: { adaptive_retry: \(adaptive) }\n"
        let world = try await CLITestWorld(config: config, seedRegistry: false)
        do {
            try await createGroups(world, count: 2)
            try await world.emulator.injectFault(
                operation: "ListModelPackageGroups", kind: .throttle, count: 1, service: "sagemaker")
            try await world.emulator.clearRequests()
            let result = try await world.podium(["groups", "--json", "--debug"])
            #expect(result.code == 0, "\(result.stderr)")
            let log = try await world.emulator.requests()
            let lists = log.filter { $0.operation == "ListModelPackageGroups" }
            #expect(lists.map(\.status) == [400, 200])
            let paced = result.stderr.contains("aws client-side rate limit")
            #expect(paced == adaptive, "adaptive_retry \(adaptive), debug log: \(result.stderr.suffix(2000))")
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    @Test func overlapArithmetic() {
        // Touching intervals do not overlap (the next request starts when a slot is handed over).
        #expect(Self.maximumOverlap([(0, 100), (100, 200), (200, 300)]) == 1)
        #expect(Self.maximumOverlap([(0, 100), (50, 150), (60, 70), (140, 200)]) == 3)
        #expect(Self.maximumOverlap([]) == 0)
    }

    /// The most intervals (start, end in ms) open at one instant; an interval that starts within 2 ms of another's
    /// end is not counted as overlapping it (the log's times have millisecond resolution).
    static func maximumOverlap(_ intervals: [(start: Double, end: Double)]) -> Int {
        let tolerance = 2.0
        var events: [(time: Double, delta: Int)] = []
        for interval in intervals {
            events.append((interval.start, 1))
            events.append((max(interval.start, interval.end - tolerance), -1))
        }
        // Ends before starts at the same instant.
        events.sort { $0.time != $1.time ? $0.time < $1.time : $0.delta < $1.delta }
        var open = 0
        var peak = 0
        for event in events {
            open += event.delta
            peak = max(peak, open)
        }
        return peak
    }

    /// (start, end) in ms since the first request, from the emulator's request log.
    private func requestIntervals(_ endpoint: URL) async throws -> [(start: Double, end: Double)] {
        let (data, _) = try await URLSession.shared.data(from: endpoint.appendingPathComponent("_podium/requests"))
        let log = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var intervals: [(start: Double, end: Double)] = []
        for entry in log?["requests"] as? [[String: Any]] ?? [] {
            guard let time = (entry["time"] as? String).flatMap(formatter.date(from:)),
                let duration = entry["duration_ms"] as? Double
            else {
                Issue.record("request log entry without time or duration_ms: \(entry)")
                continue
            }
            let start = time.timeIntervalSince1970 * 1000
            intervals.append((start, start + duration))
        }
        return intervals
    }

    /// Creates `count` model package groups in the registry account with boto3.
    private func createGroups(_ world: CLITestWorld, count: Int = ConcurrencyBoundTests.groupCount) async throws {
        let script = """
            import sys, boto3
            sm = boto3.client("sagemaker", endpoint_url=sys.argv[1], region_name="us-east-1",
                              aws_access_key_id="testing", aws_secret_access_key="testing")
            for i in range(int(sys.argv[2])):
                sm.create_model_package_group(ModelPackageGroupName=f"fan-{i:03d}")
            """
        let result = try await CLITestWorld.run(
            pythonPath.path, ["-c", script, world.emulator.endpoint.absoluteString, "\(count)"],
            environment: world.environment)
        guard result.code == 0 else { throw CLIWorldError("creating groups failed: \(result.stderr)") }
    }
}
