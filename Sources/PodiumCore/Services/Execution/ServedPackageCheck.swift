import AWSCore
import Foundation

/// After a stack or pipeline finished, the endpoint itself is the proof: it must be `InService` and serve the
/// planned package (DescribeEndpoint → DescribeEndpointConfig → DescribeModel). Polls while it is changing.
struct ServedPackageCheck: Sendable {
    let context: RouteContext

    /// Waits for `InService` and returns the endpoint config it serves; throws `PodiumError(.failed)` when the
    /// endpoint failed, serves another package, or the deadline passes.
    func waitUntilServing(_ plan: DeploymentPlan, progress: ProgressReporter, deadline: Date) async throws -> String {
        let client = context.client
        while true {
            try Task.checkCancellation()
            let described = try await client.sageMaker.describeEndpoint(
                DescribeEndpointInput(endpointName: plan.endpoint))
            switch EndpointStatus(rawValue: described.endpointStatus) {
            case .inService:
                let config = described.endpointConfigName ?? ""
                let served = try await servedPackage(config: config)
                guard let wanted = plan.newPackageArn, served != wanted else { return config }
                throw PodiumError(
                    .failed,
                    "\(plan.endpoint) is InService but serves \(served ?? "an unknown package") (\(config)), not \(wanted)",
                    hint: "check the stack's template and parameter; the change did not reach the endpoint")
            case .failed, .outOfService:
                throw PodiumError(
                    .failed,
                    "\(plan.endpoint) is \(described.endpointStatus): \(described.failureReason ?? "no reason given")")
            case .creating, .updating, .systemUpdating, .rollingBack, .deleting, .updateRollbackFailed, .other:
                progress(
                    .deploying, .endpoint(EndpointStatus(rawValue: described.endpointStatus)),
                    "endpoint \(plan.endpoint) \(described.endpointStatus)")
            }
            if context.now() > deadline {
                throw PodiumError(
                    .failed,
                    "\(plan.endpoint) is still \(described.endpointStatus) after \(DurationFormat.format(context.timeout)); podium stopped waiting",
                    hint: "watch it with `podium status --env \(plan.environment)`")
            }
            try await context.sleep(context.pollInterval)
        }
    }

    /// The package ARN the endpoint config's first variant runs.
    private func servedPackage(config: String) async throws -> String? {
        let client = context.client
        let described = try await client.sageMaker.describeEndpointConfig(
            DescribeEndpointConfigInput(endpointConfigName: config))
        let variant =
            described.productionVariants.first { $0.variantName == context.endpoint.variant }
            ?? described.productionVariants.first
        guard let modelName = variant?.modelName, !modelName.isEmpty else { return nil }
        let model = try await client.sageMaker.describeModel(DescribeModelInput(modelName: modelName))
        let containers = [model.primaryContainer].compactMap { $0 } + (model.containers ?? [])
        return ModelPackageOrigin.packageArn(in: containers)
    }
}
