import Foundation
import PodiumTestSupport
import Testing

/// A CLI world for the promotion routes (issue 12): dev is `direct`, preprod `stack` (churn-preprod owned by
/// churn-preprod-stack), prod `pipeline` (churn-prod owned by churn-prod-stack, started by the SSM pin or the
/// GitHub stand-in). The registry has churn v1, v2 Approved and v3 pending; every stack starts on v1.
final class RouteTestWorld: Sendable {
    let cli: CLITestWorld
    static let registryAccount = "123456789012"

    /// The ARN of churn version `n` in the registry.
    static func arn(_ version: Int) -> String {
        "arn:aws:sagemaker:us-east-1:\(registryAccount):model-package/churn/\(version)"
    }

    /// The config: `prodPipeline` is the prod environment's `pipeline:` value.
    static func config(prodPipeline: String = "{ pin: \"/models/{group}/{env}\", start_timeout: 4s }") -> String {
        """
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
              route: stack
              stack: { name: "{endpoint}-stack", parameter: ModelPackageArn }
            endpoints:
              - { name: churn-preprod, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
          - name: prod
            region: eu-west-1
            credentials: { role_arn: arn:aws:iam::333333333333:role/podium-promoter }
            execution_role_arn: arn:aws:iam::333333333333:role/sagemaker-exec
            promotion:
              route: pipeline
              stack: { name: "{endpoint}-stack", parameter: ModelPackageArn }
              pipeline: \(prodPipeline)
            endpoints:
              - { name: churn-prod, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
        """
    }

    init(config: String = RouteTestWorld.config()) async throws {
        cli = try await CLITestWorld(config: config)
        do {
            try await emulator.control(
                "POST", "/_podium/config", ["stack_step_seconds": 0, "endpoint_update_seconds": 0])
            try await stack(account: "222222222222", region: "us-east-1", endpoint: "churn-preprod")
            try await stack(account: "333333333333", region: "eu-west-1", endpoint: "churn-prod")
            try await emulator.control(
                "POST", "/_podium/pipelines",
                [
                    "group": "churn", "environment": "prod", "account": "333333333333", "region": "eu-west-1",
                    "stack": "churn-prod-stack", "parameter": "ModelPackageArn", "on_approval": false,
                ])
        } catch {
            await cli.stop()
            throw error
        }
    }

    var emulator: EmulatorProcess { cli.emulator }

    func stop() async { await cli.stop() }

    /// A stack owning `endpoint` on churn v1.
    func stack(account: String, region: String, endpoint: String) async throws {
        try await emulator.control(
            "POST", "/_podium/stacks",
            [
                "account": account, "region": region, "stack": "\(endpoint)-stack", "endpoint": endpoint,
                "model_package_arn": Self.arn(1), "role_arn": "arn:aws:iam::\(account):role/sagemaker-exec",
                "instance_type": "ml.m5.large", "instance_count": 1, "parameter": "ModelPackageArn",
            ])
    }

    /// `podium status --json` of one endpoint: its version.
    func version(_ env: String, _ endpoint: String) async throws -> Int? {
        try await cli.status(env).first { $0["endpoint"] as? String == endpoint }?["version"] as? Int
    }

    /// The audit records of one endpoint, oldest first.
    func audit(_ endpoint: String) async throws -> [[String: Any]] {
        try await cli.audit().filter { $0["target"] as? String == endpoint }
    }
}

/// Runs `body` with a fresh route world, stopping it afterwards whatever happens.
func withRouteWorld(
    config: String = RouteTestWorld.config(), _ body: (RouteTestWorld) async throws -> Void
) async throws {
    let world = try await RouteTestWorld(config: config)
    do {
        try await body(world)
    } catch {
        await world.stop()
        throw error
    }
    await world.stop()
}
