import AWSCore
import Foundation

/// Follows an endpoint with DescribeEndpoint until it is `InService` on the plan's config, or the change failed
/// or was rolled back. Every route ends with it: whoever starts the change, the endpoint is what serves it.
struct EndpointFollower: Sendable {
    let context: RouteContext

    /// Polls until the endpoint is InService on `plan.newEndpointConfig` and returns that status. Throws
    /// `PodiumError(.failed)` with SageMaker's reason when the deployment fails, rolls back, or takes longer than
    /// the context's timeout (counted from `progress.started`).
    func waitUntilLive(_ plan: DeploymentPlan, progress: ProgressReporter) async throws -> EndpointStatus {
        let client = context.client
        var sawTransition = false
        var quietPolls = 0
        let deadline = progress.started.addingTimeInterval(DurationFormat.seconds(context.timeout))
        while true {
            try Task.checkCancellation()
            let described = try await client.sageMaker.describeEndpoint(
                DescribeEndpointInput(endpointName: plan.endpoint))
            let status = EndpointStatus(rawValue: described.endpointStatus)
            switch status {
            case .inService:
                if described.endpointConfigName == plan.newEndpointConfig { return status }
                if sawTransition || described.failureReason != nil || quietPolls >= 3 {
                    let reason =
                        described.failureReason
                        ?? "SageMaker restored \(described.endpointConfigName ?? "the previous config")"
                    throw PodiumError(
                        .failed,
                        "the deployment of \(plan.newEndpointConfig) to \(plan.endpoint) was rolled back: \(reason)",
                        hint:
                            "the endpoint still serves \(described.endpointConfigName ?? "its previous config"); check the alarms and the model's logs"
                    )
                }
                quietPolls += 1
            case .failed, .updateRollbackFailed, .outOfService:
                throw PodiumError(
                    .failed,
                    "the deployment to \(plan.endpoint) failed (\(status)): \(described.failureReason ?? "no reason given")",
                    hint:
                        "see the endpoint's CloudWatch logs; `podium rollback \(plan.environment) \(plan.endpoint)` restores the previous config"
                )
            case .rollingBack:
                sawTransition = true
                progress(.rollingBack, .endpoint(status), described.failureReason ?? "SageMaker is rolling back")
            case .creating, .updating, .systemUpdating, .deleting, .other:
                sawTransition = true
                let pending = described.pendingDeploymentSummary?.endpointConfigName
                progress(.deploying, .endpoint(status), pending.map { "moving to \($0)" } ?? plan.strategy)
            }
            if context.now() > deadline {
                throw PodiumError(
                    .failed,
                    "\(plan.endpoint) is still \(status) after \(DurationFormat.format(context.timeout)); podium stopped waiting (the deployment continues)",
                    hint: "watch it with `podium status --env \(plan.environment)`")
            }
            try await context.sleep(context.pollInterval)
        }
    }
}
