import AWSCore
import Foundation

extension PodiumSession {
    /// Runs a promotion or rollback plan and waits for `InService`, reporting progress through `progress`.
    /// Re-checks the endpoint first; reuses a model or endpoint config that already exists (deterministic
    /// names), so a re-run after an interruption converges. The endpoint only ever points at configs that exist.
    /// A failed or rolled-back deployment throws `PodiumError(.failed)` with SageMaker's `FailureReason`.
    /// Writes one audit record (success, failure or refusal) before returning.
    public func execute(
        _ plan: DeploymentPlan, progress: @escaping @Sendable (DeploymentProgress) -> Void = { _ in }
    ) async throws -> DeploymentOutcome {
        let started = now()
        var calls: [String] = []
        let client = try client(for: plan.environment)
        let operatorArn = await operatorArn(client: client, key: "env:\(plan.environment)")

        func audit(_ outcome: AuditRecord.Outcome, _ error: String?) throws {
            try auditLog.append(
                AuditRecord(
                    time: now(), operatorArn: operatorArn, environment: plan.environment, action: plan.action,
                    target: plan.endpoint, plan: plan.lines, outcome: outcome, error: error))
        }
        func report(_ phase: DeploymentProgress.Phase, _ status: String?, _ message: String) {
            progress(
                DeploymentProgress(
                    phase: phase, status: status, elapsed: now().timeIntervalSince(started), message: message))
        }

        guard plan.isAllowed else {
            let error = PodiumError(.refused, "refused: " + plan.blockers.joined(separator: "; "))
            try audit(.refused, error.message)
            throw error
        }
        do {
            // Re-check: the endpoint may have started changing since the plan was made.
            let current = try await deployment(environment: plan.environment, endpoint: plan.endpoint)
            let alreadyTargeted =
                current.endpointConfigName == plan.newEndpointConfig
                || current.pendingEndpointConfig == plan.newEndpointConfig
            if current.isChanging && !alreadyTargeted {
                throw PodiumError(
                    .refused, "\(plan.endpoint) is \(current.status ?? "changing"); wait until it is InService",
                    hint: "check `podium status --env \(plan.environment)` and retry")
            }
            if isReadOnly(plan.environment) {
                throw PodiumError(.refused, "environment \(plan.environment) is read-only")
            }
            let env = try environment(plan.environment)
            let spec = try endpointSpec(env: env, group: plan.group, endpoint: plan.endpoint)
            let tags = podiumTags(plan: plan, operatorArn: operatorArn)

            if plan.action == .promote, let modelName = plan.modelName, let packageArn = plan.newPackageArn {
                report(.creatingModel, current.status, "CreateModel \(modelName)")
                if try await createModelIfNeeded(
                    client: client, name: modelName, packageArn: packageArn, env: env, tags: tags)
                {
                    calls.append("CreateModel \(modelName)")
                    afterCall?("CreateModel")
                }
                report(.creatingEndpointConfig, current.status, "CreateEndpointConfig \(plan.newEndpointConfig)")
                if try await createEndpointConfigIfNeeded(
                    client: client, name: plan.newEndpointConfig, modelName: modelName, spec: spec, env: env, tags: tags
                ) {
                    calls.append("CreateEndpointConfig \(plan.newEndpointConfig)")
                    afterCall?("CreateEndpointConfig")
                }
            } else {
                // Rollback: the target config must still exist, or the endpoint would point at nothing.
                do {
                    _ = try await client.sageMaker.describeEndpointConfig(
                        DescribeEndpointConfigInput(endpointConfigName: plan.newEndpointConfig))
                } catch  where PodiumErrors.isNotFound(error) {
                    throw PodiumError(
                        .failed, "the rollback target \(plan.newEndpointConfig) no longer exists; nothing was changed")
                }
            }

            let deploymentConfig = DeploymentConfigBuilder.deploymentConfig(for: env.deployment)
            if !current.exists {
                report(.startingDeployment, nil, "CreateEndpoint \(plan.endpoint)")
                _ = try await client.sageMaker.createEndpoint(
                    CreateEndpointInput(
                        endpointName: plan.endpoint, endpointConfigName: plan.newEndpointConfig, tags: tags))
                calls.append("CreateEndpoint \(plan.endpoint)")
                afterCall?("CreateEndpoint")
            } else if !alreadyTargeted {
                report(
                    .startingDeployment, current.status, "UpdateEndpoint \(plan.endpoint) → \(plan.newEndpointConfig)")
                _ = try await client.sageMaker.updateEndpoint(
                    UpdateEndpointInput(
                        endpointName: plan.endpoint, endpointConfigName: plan.newEndpointConfig,
                        deploymentConfig: deploymentConfig))
                calls.append("UpdateEndpoint \(plan.endpoint)")
                afterCall?("UpdateEndpoint")
                if let arn = try? await client.sageMaker.describeEndpoint(
                    DescribeEndpointInput(endpointName: plan.endpoint)
                ).endpointArn {
                    do {
                        _ = try await client.sageMaker.addTags(AddTagsInput(resourceArn: arn, tags: tags))
                        calls.append("AddTags \(plan.endpoint)")
                    } catch {
                        report(.deploying, nil, "could not tag the endpoint: \(PodiumErrors.describe(error))")
                    }
                }
            }
            let status = try await waitForDeployment(
                client: client, plan: plan, started: started,
                sawChange: !current.exists || !alreadyTargeted || current.isChanging,
                report: report)
            report(.done, status, "\(plan.endpoint) runs \(plan.newEndpointConfig)")
            try audit(.success, nil)
            return DeploymentOutcome(
                plan: plan, status: status, elapsed: now().timeIntervalSince(started), calls: calls)
        } catch {
            let podiumError =
                (error as? PodiumError)
                ?? PodiumError(PodiumErrors.exitCode(error) == 3 ? .refused : .failed, PodiumErrors.describe(error))
            report(.failed, nil, podiumError.message)
            try audit(podiumError.kind == .refused ? .refused : .failure, podiumError.message)
            throw podiumError
        }
    }

    /// The same as `execute(_:progress:)`, as a stream of progress events that finishes with the outcome.
    public func executeStream(_ plan: DeploymentPlan) -> AsyncThrowingStream<DeploymentEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let outcome = try await self.execute(plan) { continuation.yield(.progress($0)) }
                    continuation.yield(.finished(outcome))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    // MARK: - Steps

    func podiumTags(plan: DeploymentPlan, operatorArn: String) -> [Tag] {
        var tags = [
            Tag(key: PodiumTags.managedBy, value: "podium"),
            Tag(key: PodiumTags.endpoint, value: plan.endpoint),
            Tag(key: PodiumTags.group, value: plan.group),
            Tag(key: PodiumTags.promoter, value: Self.tagValue(operatorArn)),
            Tag(key: PodiumTags.previousEndpointConfig, value: plan.currentEndpointConfig ?? "none"),
        ]
        if let arn = plan.newPackageArn { tags.append(Tag(key: PodiumTags.packageArn, value: arn)) }
        if let version = plan.newVersion { tags.append(Tag(key: PodiumTags.version, value: String(version))) }
        return tags
    }

    /// Tag values allow letters, digits, spaces and `_.:/=+-@`, up to 256 characters.
    static func tagValue(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _.:/=+-@")
        return String(String(text.map { allowed.contains($0) ? $0 : "_" }).prefix(256))
    }

    /// Creates the model unless it exists. Returns whether it was created.
    func createModelIfNeeded(
        client: AWSClient, name: String, packageArn: String, env: EnvironmentConfig, tags: [Tag]
    ) async throws -> Bool {
        if await exists({ _ = try await client.sageMaker.describeModel(DescribeModelInput(modelName: name)) }) {
            return false
        }
        do {
            _ = try await client.sageMaker.createModel(
                CreateModelInput(
                    modelName: name, primaryContainer: ContainerDefinition(modelPackageName: packageArn),
                    executionRoleArn: env.executionRoleArn, tags: tags,
                    vpcConfig: env.vpc.map { VpcConfig(securityGroupIds: $0.securityGroupIds, subnets: $0.subnets) }))
            return true
        } catch  where PodiumErrors.isAlreadyExists(error) {
            return false
        }
    }

    /// Creates the endpoint config unless it exists. Returns whether it was created.
    func createEndpointConfigIfNeeded(
        client: AWSClient, name: String, modelName: String, spec: EndpointSpec, env: EnvironmentConfig, tags: [Tag]
    ) async throws -> Bool {
        if await exists({
            _ = try await client.sageMaker.describeEndpointConfig(DescribeEndpointConfigInput(endpointConfigName: name))
        }) {
            return false
        }
        do {
            _ = try await client.sageMaker.createEndpointConfig(
                CreateEndpointConfigInput(
                    endpointConfigName: name,
                    productionVariants: [
                        ProductionVariant(
                            variantName: spec.variant, modelName: modelName, initialInstanceCount: spec.instanceCount,
                            instanceType: spec.instanceType, initialVariantWeight: 1)
                    ], tags: tags, kmsKeyId: env.kmsKeyId))
            return true
        } catch  where PodiumErrors.isAlreadyExists(error) {
            return false
        }
    }

    /// Polls DescribeEndpoint until the endpoint is InService on the plan's config, or fails / rolls back.
    func waitForDeployment(
        client: AWSClient, plan: DeploymentPlan, started: Date, sawChange: Bool,
        report: (DeploymentProgress.Phase, String?, String) -> Void
    ) async throws -> String {
        var sawTransition = false
        var quietPolls = 0
        let deadline = started.addingTimeInterval(DurationFormat.seconds(deploymentTimeout))
        while true {
            try Task.checkCancellation()
            let described = try await client.sageMaker.describeEndpoint(
                DescribeEndpointInput(endpointName: plan.endpoint))
            let status = described.endpointStatus
            switch status {
            case "InService":
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
            case "Failed", "UpdateRollbackFailed", "OutOfService":
                throw PodiumError(
                    .failed,
                    "the deployment to \(plan.endpoint) failed (\(status)): \(described.failureReason ?? "no reason given")",
                    hint:
                        "see the endpoint's CloudWatch logs; `podium rollback \(plan.environment) \(plan.endpoint)` restores the previous config"
                )
            case "RollingBack":
                sawTransition = true
                report(.rollingBack, status, described.failureReason ?? "SageMaker is rolling back")
            default:
                sawTransition = true
                let pending = described.pendingDeploymentSummary?.endpointConfigName
                report(.deploying, status, pending.map { "moving to \($0)" } ?? plan.strategy)
            }
            if now() > deadline {
                throw PodiumError(
                    .failed,
                    "\(plan.endpoint) is still \(status) after \(DurationFormat.format(deploymentTimeout)); podium stopped waiting (the deployment continues)",
                    hint: "watch it with `podium status --env \(plan.environment)`")
            }
            try await sleep(pollInterval)
        }
    }
}
