import Foundation
import PodiumTestSupport
import Testing

/// The promotion routes end to end (issue 12): the real `podium` binary against the emulator's CloudFormation,
/// SSM and GitHub stand-ins, over real HTTP with SigV4. One world per test; the stack timing knobs are 0 except
/// where a test needs to see `UPDATE_IN_PROGRESS`.
@Suite(.serialized) struct RouteEndToEndTests {
    // MARK: - stack

    @Test func stackRoutePromotesRollsBackAndReportsCloudFormationsRollback() async throws {
        try await withRouteWorld { world in
            let cli = world.cli
            // The plan names the route and its calls; nothing runs.
            var r = try await cli.podium(["promote", "churn", "2", "--to", "preprod", "--plan"])
            #expect(r.code == 0, "\(r.stderr)")
            #expect(r.stdout.contains("route: stack"), "\(r.stdout)")
            #expect(r.stdout.contains("UpdateStack churn-preprod-stack"), "\(r.stdout)")
            #expect(r.stdout.contains("package \(RouteTestWorld.arn(1)) → \(RouteTestWorld.arn(2))"), "\(r.stdout)")

            try await world.emulator.clearRequests()
            r = try await cli.podium(["promote", "churn", "2", "--to", "preprod", "--yes"])
            #expect(r.code == 0, "\(r.stderr)\n\(r.stdout)")
            #expect(r.stdout.contains("Endpoint AWS::SageMaker::Endpoint UPDATE_COMPLETE"), "\(r.stdout)")
            #expect(try await world.version("preprod", "churn-preprod") == 2)
            let writes = try await world.emulator.requests().filter {
                ["UpdateStack", "UpdateEndpoint", "CreateModel", "CreateEndpointConfig"].contains($0.operation)
            }
            // Podium touched the stack only: SageMaker was changed by CloudFormation, in-process.
            #expect(writes.map(\.operation) == ["UpdateStack"], "\(writes)")

            // rollback = the same update with the previous ARN (from the audit log).
            r = try await cli.podium(["rollback", "preprod", "churn-preprod", "--yes"])
            #expect(r.code == 0, "\(r.stderr)\n\(r.stdout)")
            #expect(r.stdout.contains("package \(RouteTestWorld.arn(2)) → \(RouteTestWorld.arn(1))"), "\(r.stdout)")
            #expect(try await world.version("preprod", "churn-preprod") == 1)

            // CloudFormation's own rollback: exit 1 with the first failed event's reason.
            try await world.emulator.control(
                "POST", "/_podium/endpoint-failure",
                [
                    "endpoint_name": "churn-preprod", "mode": "rollback", "reason": "canary alarm 5xx fired",
                    "account": "222222222222",
                ])
            r = try await cli.podium(["promote", "churn", "2", "--to", "preprod", "--yes"])
            #expect(r.code == 1, "\(r.stderr)\n\(r.stdout)")
            #expect(r.stderr.contains("UPDATE_ROLLBACK_COMPLETE"), "\(r.stderr)")
            #expect(r.stderr.contains("Endpoint UPDATE_FAILED"), "\(r.stderr)")
            #expect(r.stderr.contains("canary alarm 5xx fired"), "\(r.stderr)")
            #expect(try await world.version("preprod", "churn-preprod") == 1)

            let outcomes = try await world.audit("churn-preprod").compactMap { $0["outcome"] as? String }
            #expect(outcomes == ["started", "success", "started", "success", "started", "failure"], "\(outcomes)")
        }
    }

    @Test func cancelDuringAStackUpdateRollsItBack() async throws {
        try await withRouteWorld { world in
            let cli = world.cli
            try await world.emulator.control(
                "POST", "/_podium/config", ["stack_step_seconds": 0.3, "endpoint_update_seconds": 3])
            // Nothing to cancel yet: refused, exit 3.
            var r = try await cli.podium(["cancel", "--env", "preprod", "churn-preprod", "--yes"])
            #expect(r.code == 3, "\(r.stderr)")
            #expect(r.stderr.contains("nothing to cancel"), "\(r.stderr)")

            async let promotion = cli.podium(["promote", "churn", "2", "--to", "preprod", "--yes"])
            let deadline = Date().addingTimeInterval(20)
            var cancelled: CLIResult?
            while Date() < deadline {
                r = try await cli.podium(["cancel", "--env", "preprod", "churn-preprod", "--yes"])
                if r.code == 0 {
                    cancelled = r
                    break
                }
                #expect(r.code == 3, "\(r.stderr)")
            }
            let promoted = try await promotion
            #expect(cancelled?.stdout.contains("cancelled: the update of stack churn-preprod-stack") == true)
            #expect(promoted.code == 1, "\(promoted.stderr)\n\(promoted.stdout)")
            #expect(promoted.stderr.contains("UPDATE_ROLLBACK_COMPLETE"), "\(promoted.stderr)")
            #expect(promoted.stderr.contains("Resource update cancelled"), "\(promoted.stderr)")
            #expect(try await world.version("preprod", "churn-preprod") == 1)
            let cancels = try await world.audit("churn-preprod").filter { $0["action"] as? String == "cancel" }
            #expect(cancels.compactMap { $0["outcome"] as? String }.suffix(2) == ["started", "success"])
        }
    }

    // MARK: - drift guard

    @Test func directPromotionOfAStackOwnedEndpointIsRefused() async throws {
        try await withRouteWorld { world in
            try await world.stack(account: "111111111111", region: "us-east-1", endpoint: "churn-dev")
            try await world.emulator.clearRequests()
            for arguments in [["--plan"], ["--yes"]] {
                let r = try await world.cli.podium(["promote", "churn", "2", "--to", "dev"] + arguments)
                #expect(r.code == 3, "\(r.stderr)")
                #expect(r.stderr.contains("owned by CloudFormation stack churn-dev-stack"), "\(r.stderr)")
                #expect(r.stderr.contains("route: stack"), "\(r.stderr)")
            }
            let rollback = try await world.cli.podium(["rollback", "dev", "churn-dev", "--yes"])
            #expect(rollback.code == 3, "\(rollback.stderr)")
            let writes = try await world.emulator.requests().filter {
                ["CreateModel", "CreateEndpointConfig", "UpdateEndpoint", "UpdateStack"].contains($0.operation)
            }
            #expect(writes.isEmpty, "\(writes)")
            #expect(try await world.version("dev", "churn-dev") == 1)
            let refused = try await world.audit("churn-dev").compactMap { $0["outcome"] as? String }
            #expect(refused.contains("refused"), "\(refused)")
        }
    }

    // MARK: - pipeline

    @Test func pipelinePinPromotesRollsBackAndReportsANeverStartingPipeline() async throws {
        try await withRouteWorld { world in
            let cli = world.cli
            var r = try await cli.podium(["promote", "churn", "2", "--to", "prod", "--yes"])
            #expect(r.code == 0, "\(r.stderr)\n\(r.stdout)")
            #expect(r.stdout.contains("PutParameter /models/churn/prod"), "\(r.stdout)")
            #expect(r.stdout.contains("UPDATE_COMPLETE"), "\(r.stdout)")
            #expect(try await world.version("prod", "churn-prod") == 2)

            r = try await cli.podium(["rollback", "prod", "churn-prod", "--yes"])
            #expect(r.code == 0, "\(r.stderr)\n\(r.stdout)")
            #expect(try await world.version("prod", "churn-prod") == 1)

            // CloudFormation rolls back inside the pipeline: exit 1 with the first failed event.
            try await world.emulator.control(
                "POST", "/_podium/endpoint-failure",
                [
                    "endpoint_name": "churn-prod", "mode": "rollback", "reason": "latency alarm",
                    "account": "333333333333",
                ])
            r = try await cli.podium(["promote", "churn", "2", "--to", "prod", "--yes"])
            #expect(r.code == 1, "\(r.stderr)\n\(r.stdout)")
            #expect(r.stderr.contains("Endpoint UPDATE_FAILED"), "\(r.stderr)")
            #expect(r.stderr.contains("latency alarm"), "\(r.stderr)")

            // A pipeline that never starts: reported after start_timeout (4s), exit 1.
            try await world.emulator.control("POST", "/_podium/github", ["never_start": true])
            r = try await cli.podium(["promote", "churn", "2", "--to", "prod", "--yes"])
            #expect(r.code == 1, "\(r.stderr)\n\(r.stdout)")
            #expect(r.stderr.contains("did not start within 4s"), "\(r.stderr)")
            #expect(try await world.version("prod", "churn-prod") == 1)
        }
    }

    @Test func pipelineGitHubDispatchFollowsTheRunAndItsTimeout() async throws {
        try await withRouteWorld(
            config: RouteTestWorld.config(
                prodPipeline:
                    "{ github: { repo: example-corp/ml-deploy, workflow: deploy.yml, token_env: PODIUM_GITHUB_TOKEN, api_url: \"GITHUB_URL\" }, start_timeout: 4s }"
            )
        ) { world in
            let cli = world.cli
            let config = try String(contentsOfFile: cli.configPath, encoding: .utf8).replacingOccurrences(
                of: "GITHUB_URL", with: world.emulator.endpoint.appendingPathComponent("_github").absoluteString)
            try config.write(toFile: cli.configPath, atomically: true, encoding: .utf8)
            let token = ["PODIUM_GITHUB_TOKEN": "podium-emulator-token"]

            // Without the token variable: refused before anything is sent.
            var r = try await cli.podium(["promote", "churn", "2", "--to", "prod", "--yes"])
            #expect(r.code == 3, "\(r.stderr)")
            #expect(r.stderr.contains("PODIUM_GITHUB_TOKEN is not set"), "\(r.stderr)")

            r = try await cli.podium(["promote", "churn", "2", "--to", "prod", "--yes"], extraEnvironment: token)
            #expect(r.code == 0, "\(r.stderr)\n\(r.stdout)")
            #expect(r.stdout.contains("job deploy"), "\(r.stdout)")
            #expect(!r.stdout.contains("podium-emulator-token") && !r.stderr.contains("podium-emulator-token"))
            #expect(try await world.version("prod", "churn-prod") == 2)
            let runs = try await world.emulator.control("GET", "/_podium/pipelines")["runs"] as? [[String: Any]] ?? []
            let inputs = runs.last?["inputs"] as? [String: String]
            #expect(inputs?["environment"] == "prod" && inputs?["model_package_arn"] == RouteTestWorld.arn(2))

            // The dispatch starts its run but its answer is lost (a 502): never sent again; its run is found and followed.
            try await world.emulator.control("POST", "/_podium/github", ["lose_next_dispatch": 1])
            let lostStart = Date()
            r = try await cli.podium(["rollback", "prod", "churn-prod", "--yes"], extraEnvironment: token)
            print("lost-dispatch rollback took \(String(format: "%.1f", Date().timeIntervalSince(lostStart))) s")
            #expect(r.code == 0, "\(r.stderr)\n\(r.stdout)")
            #expect(r.stdout.contains("looking for its run instead of dispatching again"), "\(r.stdout)")
            #expect(try await world.version("prod", "churn-prod") == 1)
            let after = try await world.emulator.control("GET", "/_podium/pipelines")["runs"] as? [[String: Any]] ?? []
            #expect(after.count == runs.count + 1, "one dispatch, one run")

            try await world.emulator.control("POST", "/_podium/github", ["never_start": true])
            r = try await cli.podium(["rollback", "prod", "churn-prod", "--yes"], extraEnvironment: token)
            #expect(r.code == 1, "\(r.stderr)\n\(r.stdout)")
            #expect(r.stderr.contains("did not start within 4s"), "\(r.stderr)")
            #expect(r.stderr.contains("still queued"), "\(r.stderr)")
            let audit = try String(contentsOfFile: cli.auditPath, encoding: .utf8)
            #expect(!audit.contains("podium-emulator-token"))
        }
    }
}

/// Preflight in the plan (issue 12): each check's failure blocks with its reason (exit 3, nothing written, the
/// refusal audited); passing checks show what they found. Against the emulator's ECR, S3, KMS and IAM (moto state).
@Suite(.serialized) struct PreflightEndToEndTests {
    static let image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn"

    @Test func eachFailedCheckBlocksThePromotionWithItsReason() async throws {
        try await withRouteWorld { world in
            let cli = world.cli
            try await world.emulator.control(
                "POST", "/_podium/preflight",
                ["account": "123456789012", "region": "us-east-1", "images": [["repository": "churn", "tag": "v3"]]])
            try await world.emulator.control(
                "POST", "/_podium/preflight",
                [
                    "account": "111111111111", "region": "us-east-1",
                    "kms_keys": [
                        ["alias": "alias/podium-endpoints"], ["alias": "alias/podium-retired", "enabled": false],
                    ],
                    "roles": [["name": "podium-ci", "trusts": "lambda.amazonaws.com"]],
                ])
            let data = "s3://podium-test-evaluations/churn/v1.tar.gz"
            // v4: no such image; v5: no such model data; v6: all there.
            for (image, url) in [
                ("\(Self.image):v9", data), ("\(Self.image):v3", "s3://podium-test-evaluations/churn/none.tar.gz"),
                ("\(Self.image):v3", data),
            ] {
                let made = try await cli.fixture("package-with", "churn", image, url)
                #expect(made.code == 0, "\(made.stderr)")
            }
            var r = try await cli.podium(["promote", "churn", "4", "--to", "dev", "--plan"])
            #expect(r.code == 3, "\(r.stderr)")
            #expect(r.stdout.contains("preflight: FAIL image \(Self.image):v9"), "\(r.stdout)")
            #expect(r.stderr.contains("refused: preflight: image \(Self.image):v9"), "\(r.stderr)")
            r = try await cli.podium(["promote", "churn", "5", "--to", "dev", "--plan"])
            #expect(r.code == 3, "\(r.stderr)")
            #expect(r.stdout.contains("preflight: FAIL model data s3://podium-test-evaluations/churn/none.tar.gz"))
            r = try await cli.podium(["promote", "churn", "6", "--to", "dev", "--plan"])
            #expect(r.code == 0, "\(r.stderr)\n\(r.stdout)")
            #expect(r.stdout.contains("preflight: ok image \(Self.image):v3 — sha256:"), "\(r.stdout)")
            #expect(r.stdout.contains("preflight: ok execution role"), "\(r.stdout)")

            let base = try String(contentsOfFile: cli.configPath, encoding: .utf8)
            let devRole = "execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec"
            for (edit, expected) in [
                (
                    devRole + "\n    kms_key_id: alias/podium-retired",
                    "refused: preflight: KMS key alias/podium-retired"
                ),
                (
                    "execution_role_arn: arn:aws:iam::111111111111:role/podium-ci",
                    "refused: preflight: execution role arn:aws:iam::111111111111:role/podium-ci"
                ),
            ] {
                try base.replacingOccurrences(of: devRole, with: edit).write(
                    toFile: cli.configPath, atomically: true, encoding: .utf8)
                try await world.emulator.clearRequests()
                r = try await cli.podium(["promote", "churn", "6", "--to", "dev", "--yes"])
                #expect(r.code == 3, "\(r.stderr)")
                #expect(r.stderr.contains(expected), "\(r.stderr)")
                let writes = try await world.emulator.requests().filter {
                    ["CreateModel", "CreateEndpointConfig", "CreateEndpoint"].contains($0.operation)
                }
                #expect(writes.isEmpty, "\(writes)")
            }
            let outcomes = try await world.audit("churn-dev").compactMap { $0["outcome"] as? String }
            #expect(outcomes == ["refused", "refused"], "\(outcomes)")
        }
    }
}
