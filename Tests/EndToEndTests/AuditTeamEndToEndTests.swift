import Foundation
import PodiumTestSupport
import Testing

/// The shared audit trail end to end: two operators (two configs with their own registry roles, two local audit
/// logs) writing to one CloudWatch Logs group of the emulator. Alice approves while the sink is down (the
/// approval succeeds and says its record is queued); once it is back, her next podium run sends it; `audit --team`
/// shows both operators' records once each, newest first, each with its replayable command; boto3 (a peer
/// nobody here wrote) reads the group back and finds every local record exactly once.
@Suite(.serialized) struct AuditTeamEndToEndTests {
    static let group = "/podium/team-audit"

    /// The world's config with this operator's registry role and the team's log group.
    static func config(operatorName: String) -> String {
        CLITestWorld.config().replacingOccurrences(
            of: "registry: { region: us-east-1 }",
            with:
                "registry: { region: us-east-1, credentials: { role_arn: arn:aws:iam::123456789012:role/\(operatorName) } }"
        )
            + """

            audit:
              cloudwatch_logs: { group: \(group), region: us-east-1, credentials: ~ }
            """
    }

    func boto3(_ world: CLITestWorld, _ script: String) async throws -> ProcessResult {
        let prelude = """
            import boto3, json, sys
            logs = boto3.client("logs", endpoint_url=sys.argv[1], region_name="us-east-1",
                                aws_access_key_id="testing", aws_secret_access_key="testing")

            """
        return try await ProcessRunner.run(
            pythonPath.path, ["-c", prelude + script, world.emulator.endpoint.absoluteString],
            environment: world.environment)
    }

    @Test func twoOperatorsShareOneTrailAndAFailedSendIsQueuedThenSent() async throws {
        let world = try await CLITestWorld()
        do {
            try await run(world)
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    private func run(_ world: CLITestWorld) async throws {
        let created = try await boto3(world, "logs.create_log_group(logGroupName='\(Self.group)')")
        #expect(created.code == 0, "\(created.stderr)")
        var configs: [String: String] = [:]
        for name in ["alice", "bob"] {
            let path = world.directory.appendingPathComponent("\(name).yaml").path
            try Self.config(operatorName: name).write(toFile: path, atomically: true, encoding: .utf8)
            configs[name] = path
        }
        func podium(_ name: String, _ arguments: [String]) async throws -> ProcessResult {
            try await world.podium(
                arguments + ["--config", configs[name]!],
                extraEnvironment: [
                    "USER": name, "XDG_STATE_HOME": world.directory.appendingPathComponent("state-\(name)").path,
                ], config: false)
        }

        // Alice approves while CloudWatch Logs answers 503: the approval succeeds, and says the record waits.
        try await world.emulator.injectFault(operation: "PutLogEvents", kind: .http503, count: nil)
        try await world.emulator.injectFault(operation: "CreateLogStream", kind: .http503, count: nil)
        let comment = "ok'd by \"alice\"; $(rm -rf ~)\nsecond line"
        let approved = try await podium("alice", ["approve", "churn", "3", "--comment", comment])
        #expect(approved.code == 0, "\(approved.stderr)")
        #expect(approved.stderr.contains("not yet sent to CloudWatch Logs group \(Self.group)"))
        let aliceLog = world.directory.appendingPathComponent("state-alice/podium/audit.jsonl").path
        let aliceRecords = try String(contentsOfFile: aliceLog, encoding: .utf8).split(separator: "\n")
        #expect(aliceRecords.count == 2)  // started, success
        let none = try await boto3(
            world, "print(len(logs.filter_log_events(logGroupName='\(Self.group)')['events']))")
        #expect(none.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")

        // Back up. Bob rejects v1; his records go out with his run.
        try await world.emulator.clearFaults()
        let rejected = try await podium("bob", ["reject", "churn", "1", "--comment", "superseded"])
        #expect(rejected.code == 0, "\(rejected.stderr)")
        #expect(!rejected.stderr.contains("not yet sent"))
        // Bob promotes v2 to dev, then tries prod (refused by the gate): both carry their command.
        let promoted = try await podium("bob", ["promote", "churn", "2", "--to", "dev", "--yes"])
        #expect(promoted.code == 0, "\(promoted.stderr)")
        let refused = try await podium("bob", ["promote", "churn", "2", "--to", "prod", "--confirm", "churn-prod"])
        #expect(refused.code == 3, "\(refused.stderr)")

        // Alice's next podium run sends what waited; her team view shows both operators.
        let aliceTeam = try await podium("alice", ["audit", "--team", "--json"])
        #expect(aliceTeam.code == 0, "\(aliceTeam.stderr)")
        let bobTeam = try await podium("bob", ["audit", "--team", "--json"])
        #expect(bobTeam.code == 0, "\(bobTeam.stderr)")
        let records = try #require(
            try JSONSerialization.jsonObject(with: Data(bobTeam.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 7)
        // The registry decisions were made under each operator's own role (promotions use the environments' roles).
        let operators = Set(
            records.filter { $0["environment"] as? String == "registry" }
                .compactMap { ($0["operator"] as? String)?.split(separator: "/").dropLast().last })
        #expect(operators == ["alice", "bob"])
        let times = records.compactMap { $0["time"] as? String }
        #expect(times == times.sorted(by: >))
        // Within one attempt (the same second), the outcome is above its start.
        for attempt in Set(records.compactMap { $0["attempt"] as? String }) {
            let outcomes = records.filter { $0["attempt"] as? String == attempt }.compactMap {
                $0["outcome"] as? String
            }
            #expect(outcomes.last == "started" || outcomes == ["refused"], "\(outcomes)")
        }
        let commands = Set(records.compactMap { $0["command"] as? String })
        #expect(commands.contains("podium promote churn 2 --to dev --confirm churn-dev"))
        #expect(commands.contains("podium promote churn 2 --to prod --confirm churn-prod"))
        let ids = records.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == 7)
        let aliceCommand = records.first { ($0["operator"] as? String)?.contains("/alice/") == true }?["command"]
        #expect(
            aliceCommand as? String
                == #"podium approve churn 3 --comment 'ok'\''d by "alice"; $(rm -rf ~)"#
                + "\nsecond line' --expect-status pending")

        // boto3 reads the group: every local record of both operators, each exactly once.
        let stored = try await boto3(
            world,
            """
            ids = []
            for page in logs.get_paginator("filter_log_events").paginate(logGroupName="\(Self.group)"):
                ids += [json.loads(e["message"])["id"] for e in page["events"]]
            print(json.dumps(ids))
            """)
        let storedIds = try #require(try JSONSerialization.jsonObject(with: Data(stored.stdout.utf8)) as? [String])
        #expect(storedIds.count == 7)
        #expect(Set(storedIds) == Set(ids))

        // The table a person reads: both operators, with the command to replay.
        let table = try await podium("bob", ["audit", "--team"])
        #expect(table.stdout.contains("assumed-role/alice/"))
        #expect(table.stdout.contains("assumed-role/bob/"))
        #expect(table.stdout.contains("podium reject churn 1 --comment superseded --expect-status approved"))
        print(table.stdout)
    }
}
