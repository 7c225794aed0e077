import Foundation
import PodiumTestSupport
import Testing

/// Issue 9 item 4: podium killed (`PODIUM_TEST_CRASH_AFTER`: exit 137 with no cleanup, as SIGKILL) right after
/// each AWS write in turn of promote (CreateEndpoint path and UpdateEndpoint path) and rollback. Every re-run
/// converges (checked with boto3), and the audit log shows the killed attempt's `started` record, marked
/// `abandoned` by the re-run with the same attempt id.
///
/// One emulator; each case has its own environment and endpoint (resource names include the endpoint) and its
/// own audit log, so the cases run in parallel without seeing each other.
@Suite struct KillMatrixTests {
    enum Path: String, Sendable { case create, update, rollback }

    struct Case: Sendable, CustomStringConvertible {
        let path: Path
        let crashAfter: String
        var environment: String { "k\(path.rawValue.prefix(1))\(crashAfter.lowercased())" }
        var endpoint: String { "km-\(environment)" }
        var description: String { "\(path.rawValue) after \(crashAfter)" }
    }

    static let cases: [Case] =
        ["CreateModel", "CreateEndpointConfig", "CreateEndpoint"].map { Case(path: .create, crashAfter: $0) }
        + ["CreateModel", "CreateEndpointConfig", "UpdateEndpoint", "AddTags"].map {
            Case(path: .update, crashAfter: $0)
        }
        + ["UpdateEndpoint", "AddTags"].map { Case(path: .rollback, crashAfter: $0) }

    static var config: String {
        var text = """
            refresh: { registry: 30s, health: 15s }
            metrics_window: 60m
            registry: { region: us-east-1 }
            environments:

            """
        for c in cases {
            text += """
                  - name: \(c.environment)
                    region: us-east-1
                    credentials: { role_arn: arn:aws:iam::111111111111:role/podium-promoter }
                    execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec
                    endpoints:
                      - { name: \(c.endpoint), model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }

                """
        }
        return text
    }

    @Test func everyAWSWriteOfPromoteAndRollbackSurvivesAKillAndTheReRunConverges() async throws {
        try await withWorld(config: Self.config) { world in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for c in Self.cases {
                    group.addTask { try await Self.run(c, world) }
                }
                try await group.waitForAll()
            }
        }
    }

    /// One case: set up, kill, re-run, check the endpoint with boto3 and the audit log.
    static func run(_ c: Case, _ world: CLITestWorld) async throws {
        let state = world.directory.appendingPathComponent("state-\(c.environment)").path
        func podium(_ arguments: [String], crash: Bool = false) async throws -> CLIResult {
            var extra = ["XDG_STATE_HOME": state]
            if crash { extra["PODIUM_TEST_CRASH_AFTER"] = c.crashAfter }
            return try await world.podium(arguments, extraEnvironment: extra)
        }
        func audit() async throws -> [[String: Any]] {
            let r = try await podium(["audit", "--json"])
            return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        }
        let promote2 = ["promote", "churn", "2", "--to", c.environment, "--yes"]
        let command: [String]
        let expectedVersion: Int
        switch c.path {
        case .create:
            command = promote2
            expectedVersion = 2
        case .update:
            let setup = try await podium(["promote", "churn", "1", "--to", c.environment, "--yes"])
            #expect(setup.code == 0, "\(c): \(setup.stderr)")
            command = promote2
            expectedVersion = 2
        case .rollback:
            for version in ["1", "2"] {
                let setup = try await podium(["promote", "churn", version, "--to", c.environment, "--yes"])
                #expect(setup.code == 0, "\(c): \(setup.stderr)")
            }
            command = ["rollback", c.environment, c.endpoint, "--yes"]
            expectedVersion = 1
        }
        let before = try await audit().count

        let killed = try await podium(command, crash: true)
        #expect(killed.code == 137, "\(c): \(killed.stderr)")
        #expect(killed.stderr.contains("test hook: exiting after \(c.crashAfter)"), "\(c)")
        let shown = try await podium(["audit"])
        #expect(shown.stderr.contains("unfinished attempt"), "\(c): \(shown.stderr)")

        let rerun = try await podium(command)
        #expect(rerun.code == 0, "\(c): \(rerun.stderr)")
        #expect(rerun.stderr.contains("an earlier attempt never finished"), "\(c): \(rerun.stderr)")

        // Converged, as boto3 sees it.
        let endpoint = try await world.fixtureJSON("describe-endpoint", "111111111111", "us-east-1", c.endpoint)
        #expect(endpoint["EndpointStatus"] as? String == "InService", "\(c)")
        let config = endpoint["EndpointConfigName"] as? String ?? ""
        #expect(config.hasPrefix("\(c.endpoint)-v\(expectedVersion)-"), "\(c): runs \(config)")

        // started (killed) → abandoned (same attempt, by the re-run) → started → success.
        let records = Array(try await audit().dropFirst(before))
        #expect(
            records.map { $0["outcome"] as? String } == ["started", "abandoned", "started", "success"],
            "\(c): \(records.map { $0["outcome"] ?? "" })")
        let attempts = records.map { $0["attempt"] as? String }
        if attempts.count == 4 {
            #expect(attempts[0] != nil && attempts[0] == attempts[1], "\(c)")
            #expect(attempts[2] != nil && attempts[2] == attempts[3] && attempts[2] != attempts[0], "\(c)")
        }
    }
}
