import AWSCore
import Foundation

/// The direct route: podium makes the SageMaker calls itself. A promotion creates the model and the endpoint
/// config (each reused when it exists, since the names are deterministic, so a re-run converges); a rollback
/// checks that its target config still exists. Then CreateEndpoint (new endpoint) or UpdateEndpoint with the
/// environment's deployment strategy and AddTags, unless the endpoint already runs or moves to the config; then
/// the endpoint is followed to `InService`.
struct DirectRoute: PromotionRoute {
    func run(_ plan: DeploymentPlan, context: RouteContext, progress: ProgressReporter) async throws
        -> DeploymentOutcome
    {
        let client = context.client
        let current = context.current
        if plan.action == .promote, let modelName = plan.modelName, let packageArn = plan.newPackageArn {
            progress(.creatingModel, current.status.map { .endpoint($0) }, "CreateModel \(modelName)")
            if try await createModelIfNeeded(name: modelName, packageArn: packageArn, context: context) {
                context.made("CreateModel \(modelName)", operation: .createModel)
            }
            progress(
                .creatingEndpointConfig, current.status.map { .endpoint($0) },
                "CreateEndpointConfig \(plan.newEndpointConfig)")
            if try await createEndpointConfigIfNeeded(
                name: plan.newEndpointConfig, modelName: modelName, context: context)
            {
                context.made("CreateEndpointConfig \(plan.newEndpointConfig)", operation: .createEndpointConfig)
            }
        } else {
            // Rollback: the target config must still exist, or the endpoint would point at nothing.
            do {
                _ = try await client.sageMaker.describeEndpointConfig(
                    DescribeEndpointConfigInput(endpointConfigName: plan.newEndpointConfig))
            } catch  where PodiumError.isNotFound(error) {
                throw PodiumError(
                    .failed, "the rollback target \(plan.newEndpointConfig) no longer exists; nothing was changed")
            }
        }

        if !current.exists {
            progress(.startingDeployment, nil, "CreateEndpoint \(plan.endpoint)")
            _ = try await UncertainWrite.attempt("CreateEndpoint \(plan.endpoint)", operation: .createEndpoint) {
                try await client.sageMaker.createEndpoint(
                    CreateEndpointInput(
                        endpointName: plan.endpoint, endpointConfigName: plan.newEndpointConfig, tags: context.tags))
            }
            context.made("CreateEndpoint \(plan.endpoint)", operation: .createEndpoint)
        } else if !context.alreadyTargeted || context.resumedAfterNoAnswer {
            if !context.alreadyTargeted {
                progress(
                    .startingDeployment, current.status.map { .endpoint($0) },
                    "UpdateEndpoint \(plan.endpoint) → \(plan.newEndpointConfig)")
                _ = try await UncertainWrite.attempt("UpdateEndpoint \(plan.endpoint)", operation: .updateEndpoint) {
                    try await client.sageMaker.updateEndpoint(
                        UpdateEndpointInput(
                            endpointName: plan.endpoint, endpointConfigName: plan.newEndpointConfig,
                            deploymentConfig: DeploymentConfigBuilder.deploymentConfig(
                                for: context.environment.deployment)))
                }
                context.made("UpdateEndpoint \(plan.endpoint)", operation: .updateEndpoint)
            }
            if let arn = try? await client.sageMaker.describeEndpoint(
                DescribeEndpointInput(endpointName: plan.endpoint)
            ).endpointArn {
                do {
                    _ = try await client.sageMaker.addTags(AddTagsInput(resourceArn: arn, tags: context.tags))
                    context.made("AddTags \(plan.endpoint)", operation: .addTags)
                } catch {
                    progress(.deploying, nil, "could not tag the endpoint: \(PodiumError.describe(error))")
                }
            }
        }
        let status = try await EndpointFollower(context: context).waitUntilLive(plan, progress: progress)
        return DeploymentOutcome(plan: plan, status: status, elapsed: progress.elapsed, calls: context.calls)
    }

    // MARK: - Steps

    /// Creates the model unless it exists. Returns whether it was created.
    private func createModelIfNeeded(name: String, packageArn: String, context: RouteContext) async throws -> Bool {
        let client = context.client
        let env = context.environment
        if await ResourceProbe.exists({
            _ = try await client.sageMaker.describeModel(DescribeModelInput(modelName: name))
        }) {
            return false
        }
        var input = CreateModelInput(
            modelName: name, primaryContainer: ContainerDefinition(modelPackageName: packageArn),
            executionRoleArn: env.executionRoleArn, tags: context.tags,
            vpcConfig: env.vpc.map { VpcConfig(securityGroupIds: $0.securityGroupIds, subnets: $0.subnets) })
        if let rewriter = ReplicaRewriter(environment: env) {
            try rewriter.use(context.packageContainers, packageArn: packageArn, in: &input)
        }
        do {
            _ = try await UncertainWrite.attempt(
                "CreateModel \(name)", operation: .createModel, alreadyExistsIsAnswer: true
            ) { try await client.sageMaker.createModel(input) }
            return true
        } catch  where PodiumError.isAlreadyExists(error) {
            return false
        }
    }

    /// Creates the endpoint config unless it exists. Returns whether it was created.
    private func createEndpointConfigIfNeeded(name: String, modelName: String, context: RouteContext) async throws
        -> Bool
    {
        let client = context.client
        let spec = context.endpoint
        if await ResourceProbe.exists({
            _ = try await client.sageMaker.describeEndpointConfig(DescribeEndpointConfigInput(endpointConfigName: name))
        }) {
            return false
        }
        do {
            _ = try await UncertainWrite.attempt(
                "CreateEndpointConfig \(name)", operation: .createEndpointConfig, alreadyExistsIsAnswer: true
            ) {
                try await client.sageMaker.createEndpointConfig(
                    CreateEndpointConfigInput(
                        endpointConfigName: name,
                        productionVariants: [
                            ProductionVariant(
                                variantName: spec.variant, modelName: modelName,
                                initialInstanceCount: spec.instanceCount,
                                instanceType: spec.instanceType, initialVariantWeight: 1)
                        ], tags: context.tags, kmsKeyId: context.environment.kmsKeyId))
            }
            return true
        } catch  where PodiumError.isAlreadyExists(error) {
            return false
        }
    }
}
