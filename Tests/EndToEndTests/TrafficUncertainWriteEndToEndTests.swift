import Foundation
import PodiumTestSupport
import Testing

/// `podium traffic --set` over real HTTP against the emulator when every answer to the shift is lost: the emulator
/// carries out each UpdateEndpointWeightsAndCapacities and cuts its answer mid-body (the `truncate` fault: the
/// connection closes after half the body, the same "sent, carried out, never answered" a read timeout leaves, but
/// without racing a clock). AWSCore retries it twice (the endpoint is Updating by then, and that refusal is cut
/// short too), then podium re-reads the endpoint, sees the plan's weights and follows them until they are current.
@Suite struct TrafficUncertainWriteEndToEndTests {
    @Test func aShiftWhoseAnswersWereLostIsConfirmedByTheReReadAndAuditedSuccess() async throws {
        let world = try await CLITestWorld(config: TrafficEndToEndTests.config())
        defer { Task { await world.stop() } }
        let made = try await world.variantsFixture(
            "endpoint", "111111111111",
            "us-east-1", "churn-ab", "champion:1:90", "challenger:2:10")
        #expect(made.code == 0, "\(made.stderr)")
        // Updating for a second after the shift: the re-read may see it moving or done; either is the shift.
        try await world.emulator.setEndpointTimings(create: 0, update: 1)
        try await world.emulator.injectFault(
            operation: "UpdateEndpointWeightsAndCapacities", kind: .truncate, count: 3, service: "sagemaker")
        try await world.emulator.clearRequests()

        let shifted = try await world.podium([
            "traffic", "churn-ab", "--env", "dev", "--set", "champion=50", "--set", "challenger=50", "--yes",
        ])
        #expect(shifted.code == 0, "\(shifted.stdout)\n\(shifted.stderr)")

        let writes = try await world.emulator.requests().filter {
            $0.operation == "UpdateEndpointWeightsAndCapacities"
        }
        #expect(writes.map(\.fault) == ["truncate", "truncate", "truncate"])
        let described = try await world.variantsFixture(
            "describe", "111111111111",
            "us-east-1", "churn-ab")
        let endpoint = try #require(
            try JSONSerialization.jsonObject(with: Data(described.stdout.utf8)) as? [String: Any])
        #expect(endpoint["status"] as? String == "InService")
        #expect((endpoint["variants"] as? [String: [Double]]) == ["champion": [50, 50], "challenger": [50, 50]])

        let traffic = try await world.audit().filter { $0["action"] as? String == "traffic" }
        #expect(traffic.compactMap { $0["outcome"] as? String } == ["started", "success"])
        let note = traffic.last?["error"] as? String ?? ""
        #expect(
            note.hasPrefix(
                "confirmed after UpdateEndpointWeightsAndCapacities churn-ab got no answer in 3 attempts (connection closed before a full response"
            ), "\(note)")
        #expect(note.contains("DescribeEndpoint shows churn-ab "), "\(note)")
        #expect(note.contains("champion 90 → 50, challenger 10 → 50") || note.contains("champion 50, challenger 50"))
    }
}
