import Foundation
import PodiumTestSupport
import Testing

/// `podium drift` end to end (issue 13): the real binary against the emulator, each flag raised by a real sequence
/// of events - podium's own promotions (with the emulator's failure knob), another operator's approvals and
/// rejections (boto3), and another tool's stack updates, out-of-band endpoint updates and drift detection (boto3).
@Suite(.serialized) struct DriftEndToEndTests {
    static let config = """
        refresh: { registry: 30s, health: 15s }
        metrics_window: 60m
        registry: { region: us-east-1 }
        environments:
          - name: dev
            region: us-east-1
            credentials: { role_arn: arn:aws:iam::111111111111:role/podium-promoter }
            execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec
            endpoints:
              - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
          - name: preprod
            region: us-east-1
            credentials: { role_arn: arn:aws:iam::222222222222:role/podium-promoter }
            execution_role_arn: arn:aws:iam::222222222222:role/sagemaker-exec
            promotion:
              stack: { name: "{endpoint}-stack", parameter: ModelPackageArn }
            endpoints:
              - { name: churn-preprod, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
        """

    static let devOnly = """
        registry: { region: us-east-1 }
        environments:
          - name: dev
            region: us-east-1
            credentials: { role_arn: arn:aws:iam::111111111111:role/podium-promoter }
            execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec
            endpoints:
              - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
        """

    static let fixture = repoRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/pipeline_fixture.py").path

    static func arn(_ version: Int) -> String { RouteTestWorld.arn(version) }

    @Test func eachFlagIsRaisedByARealSequenceOfEvents() async throws {
        let cli = try await CLITestWorld(config: Self.config)
        do {
            try await run(cli)
        } catch {
            await cli.stop()
            throw error
        }
        await cli.stop()
    }

    private func run(_ cli: CLITestWorld) async throws {
        try await cli.emulator.control(
            "POST", "/_podium/config", ["stack_step_seconds": 0, "endpoint_update_seconds": 0])
        try await cli.emulator.control(
            "POST", "/_podium/stacks",
            [
                "account": "222222222222", "region": "us-east-1", "stack": "churn-preprod-stack",
                "endpoint": "churn-preprod", "model_package_arn": Self.arn(1),
                "role_arn": "arn:aws:iam::222222222222:role/sagemaker-exec", "instance_type": "ml.m5.large",
                "instance_count": 1, "parameter": "ModelPackageArn",
            ])

        // 1. Nothing in dev, preprod's stack on v1 while v2 is the latest Approved: approved, not deployed.
        var ledger = try await drift(cli, expectCode: 1)
        #expect(kinds(ledger, "dev") == ["approved_not_deployed"])
        #expect(reasons(ledger, "dev").contains("the endpoint does not exist"))
        #expect(kinds(ledger, "preprod") == ["approved_not_deployed"])
        let stack = row(ledger, "preprod")?["stack"] as? [String: Any]
        #expect(stack?["parameter_value"] as? String == Self.arn(1))
        #expect(stack?["status"] as? String == "CREATE_COMPLETE")
        #expect(stack?["drift_status"] as? String == "NOT_CHECKED")

        // 2. dev runs the latest Approved version: a ledger of dev alone has no flag, exit 0.
        var r = try await cli.podium(["promote", "churn", "2", "--to", "dev", "--yes"])
        #expect(r.code == 0, "\(r.stderr)")
        let devOnly = cli.directory.appendingPathComponent("dev-only.yaml").path
        try Self.devOnly.write(toFile: devOnly, atomically: true, encoding: .utf8)
        r = try await cli.podium(["drift", "--config", devOnly], config: false)
        #expect(r.code == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("churn-dev") && r.stdout.contains("ok"), "\(r.stdout)")

        // 3. Another operator approves v3; podium promotes it to dev and SageMaker rolls the update back.
        _ = try await cli.fixture("set-status", "churn", "3", "Approved")
        try await cli.emulator.failNextUpdate(
            endpoint: "churn-dev", mode: .rollback, reason: "alarm churn-5xx fired", account: "111111111111")
        r = try await cli.podium(["promote", "churn", "3", "--to", "dev", "--yes"])
        #expect(r.code == 1, "\(r.stdout)\n\(r.stderr)")
        ledger = try await drift(cli, expectCode: 1)
        #expect(kinds(ledger, "dev") == ["approved_not_deployed", "silent_rollback"])
        #expect(
            reasons(ledger, "dev").contains("to churn v3; it is back on churn-dev-v2"), "\(reasons(ledger, "dev"))")
        #expect(reasons(ledger, "dev").contains("the endpoint's podium tags"))

        // 4. Another operator rejects v2 while dev runs it: deployed, but rejected.
        _ = try await cli.fixture("set-status", "churn", "2", "Rejected")
        ledger = try await drift(cli, expectCode: 1)
        #expect(kinds(ledger, "dev").contains("deployed_rejected"))
        #expect(reasons(ledger, "dev").contains("churn v2 runs here but is Rejected"))

        // 5. Another tool updates preprod's stack to v3 and CloudFormation rolls back: silent rollback.
        try await cli.emulator.failNextUpdate(
            endpoint: "churn-preprod", mode: .rollback, reason: "canary failed", account: "222222222222")
        let update = try await fixtureJSON(
            cli, "update-stack", "222222222222", "us-east-1", "churn-preprod-stack", Self.arn(3))
        #expect(update["status"] as? String == "UPDATE_ROLLBACK_COMPLETE", "\(update)")
        ledger = try await drift(cli, expectCode: 1)
        #expect(kinds(ledger, "preprod") == ["approved_not_deployed", "silent_rollback"])
        #expect(reasons(ledger, "preprod").contains("rolled back its last change (UPDATE_ROLLBACK_COMPLETE)"))

        // 6. Someone updates the endpoint behind the stack's back, then drift detection runs: stack drift, and the
        //    stack's parameter no longer names what runs.
        _ = try await fixtureJSON(cli, "out-of-band", "222222222222", "us-east-1", "churn-preprod", Self.arn(3))
        let detection = try await fixtureJSON(cli, "detect-drift", "222222222222", "us-east-1", "churn-preprod-stack")
        #expect(detection["status"] as? String == "DRIFTED", "\(detection)")
        try await cli.emulator.clearRequests()
        ledger = try await drift(cli, expectCode: 1)
        #expect(kinds(ledger, "preprod") == ["silent_rollback", "stack_drift"], "\(reasons(ledger, "preprod"))")
        #expect(reasons(ledger, "preprod").contains("parameter ModelPackageArn = churn v1, the endpoint runs churn v3"))
        #expect(reasons(ledger, "preprod").contains("DRIFTED at the last drift detection"))

        // What one refresh cost (a fresh process: no cache carried over).
        let calls = try await cli.emulator.requests().filter { $0.service != "sts" }
        var byOperation: [String: Int] = [:]
        for call in calls { byOperation[call.operation, default: 0] += 1 }
        print(
            "drift refresh calls (2 environments, 1 group, 1 stack): \(calls.count) \(byOperation.sorted { $0.key < $1.key })"
        )
        #expect(byOperation["DescribeStacks"] == 1)
        #expect(byOperation["DescribeStackEvents"] == nil)
        #expect(byOperation["ListModelPackages"] == 1)
    }

    @Test func aPinWrittenWhileThePipelineNeverStartsIsFlagged() async throws {
        let config = RouteTestWorld.config(prodPipeline: "{ pin: \"/models/{group}/{env}\", start_timeout: 1s }")
        try await withRouteWorld(config: config) { world in
            let cli = world.cli
            // The pipeline never starts: podium writes the pin, waits its start timeout, and says so (exit 1).
            try await world.emulator.control("POST", "/_podium/github", ["never_start": true])
            let r = try await cli.podium(["promote", "churn", "2", "--to", "prod", "--yes"])
            #expect(r.code == 1, "\(r.stdout)\n\(r.stderr)")
            let ledger = try await drift(cli, expectCode: 1)
            #expect(kinds(ledger, "prod") == ["approved_not_deployed", "pin_mismatch"], "\(reasons(ledger, "prod"))")
            #expect(
                reasons(ledger, "prod").contains("pin /models/churn/prod = churn v2, the endpoint runs churn v1"),
                "\(reasons(ledger, "prod"))")
            let pin = row(ledger, "prod")?["pin"] as? [String: Any]
            #expect(pin?["value"] as? String == Self.arn(2))
            // The stack was never updated: its parameter still names what runs, so no rollback is claimed.
            #expect(!kinds(ledger, "prod").contains("silent_rollback"))
        }
    }

    // MARK: - Helpers

    private func drift(_ cli: CLITestWorld, expectCode: Int32) async throws -> [[String: Any]] {
        let r = try await cli.podium(["drift", "--json"])
        #expect(r.code == expectCode, "\(r.stderr)")
        guard let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
            let rows = object["rows"] as? [[String: Any]]
        else { throw CLIWorldError("drift --json printed no ledger: \(r.stdout)\n\(r.stderr)") }
        #expect(object["flagged"] as? Bool == (expectCode == 1))
        return rows
    }

    private func row(_ rows: [[String: Any]], _ env: String) -> [String: Any]? {
        rows.first { $0["environment"] as? String == env }
    }

    private func kinds(_ rows: [[String: Any]], _ env: String) -> [String] {
        (row(rows, env)?["flags"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
    }

    private func reasons(_ rows: [[String: Any]], _ env: String) -> String {
        (row(rows, env)?["flags"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
            .joined(separator: "\n")
    }

    private func fixtureJSON(_ cli: CLITestWorld, _ arguments: String...) async throws -> [String: Any] {
        let result = try await ProcessRunner.run(
            pythonPath.path, [Self.fixture, cli.emulator.endpoint.absoluteString] + arguments,
            environment: cli.environment)
        guard result.code == 0,
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        else { throw CLIWorldError("pipeline fixture \(arguments) failed: \(result.stderr)") }
        return object
    }
}
