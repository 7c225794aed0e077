import AWSCore
import Foundation

extension PodiumSession {
    /// Runs a promotion or rollback plan and waits for `InService`, reporting progress through `progress`.
    ///
    /// Audit first: the audit log is opened and checked, and a `started` record with the plan is written,
    /// before the first AWS write (a log that cannot be written refuses the change, exit 3); one outcome record
    /// (success, failure, refused, interrupted) follows with the same attempt id. At the moment of acting the
    /// endpoint, the package's approval and the gate are checked again, and anything changed since the plan
    /// refuses the change. Reuses a model or endpoint config that already exists (deterministic names), so a
    /// re-run after an interruption converges. The endpoint only ever points at configs that exist.
    /// A failed or rolled-back deployment throws `PodiumError(.failed)` with SageMaker's `FailureReason`.
    public func execute(
        _ plan: DeploymentPlan, progress: @escaping @Sendable (DeploymentProgress) -> Void = { _ in }
    ) async throws -> DeploymentOutcome {
        let started = now()
        var calls: [String] = []
        let client = try client(for: plan.environment)
        let operatorArn = await operatorArn(client: client, key: "env:\(plan.environment)")

        func report(_ phase: DeploymentProgress.Phase, _ status: String?, _ message: String) {
            progress(
                DeploymentProgress(
                    phase: phase, status: status, elapsed: now().timeIntervalSince(started), message: message))
        }

        guard plan.isAllowed else {
            let error = PodiumError(.refused, "refused: " + plan.blockers.joined(separator: "; "))
            try recordRefusal(plan: plan, reason: error.message, operatorArn: operatorArn)
            throw error
        }
        let (attempt, lock) = try await beginAttempt(
            action: plan.action, environment: plan.environment, target: plan.endpoint, plan: plan.lines,
            operatorArn: operatorArn, lockKey: "endpoint/\(plan.environment)/\(plan.endpoint)", lockWait: nil,
            endpointConfig: plan.newEndpointConfig)
        func made(_ call: String, _ operation: String) {
            calls.append(call)
            attempt.noteCall(call)
            afterCall?(operation)
        }
        let status: String
        do {
            // Re-check: the endpoint may have started changing, or moved, since the plan was made.
            let current = try await deployment(environment: plan.environment, endpoint: plan.endpoint)
            let alreadyTargeted =
                current.endpointConfigName == plan.newEndpointConfig
                || current.pendingEndpointConfig == plan.newEndpointConfig
            if current.isChanging && !alreadyTargeted {
                throw PodiumError(
                    .refused, "\(plan.endpoint) is \(current.status ?? "changing"); wait until it is InService",
                    hint: "check `podium status --env \(plan.environment)` and retry")
            }
            if !alreadyTargeted, current.endpointConfigName != plan.currentEndpointConfig {
                throw PodiumError(
                    .refused,
                    "changed since the plan: \(plan.endpoint) now runs \(current.endpointConfigName ?? "nothing (it was deleted)"), not \(plan.currentEndpointConfig ?? "nothing"); nothing was changed",
                    hint: "plan again and retry")
            }
            if isReadOnly(plan.environment) {
                throw PodiumError(.refused, "environment \(plan.environment) is read-only")
            }
            try await recheckPromotion(plan)
            let env = try environment(plan.environment)
            let spec = try endpointSpec(env: env, group: plan.group, endpoint: plan.endpoint)
            let tags = podiumTags(plan: plan, operatorArn: operatorArn)
            await beforeWrite?(plan.action)

            if plan.action == .promote, let modelName = plan.modelName, let packageArn = plan.newPackageArn {
                report(.creatingModel, current.status, "CreateModel \(modelName)")
                if try await createModelIfNeeded(
                    client: client, name: modelName, packageArn: packageArn, env: env, tags: tags)
                {
                    made("CreateModel \(modelName)", "CreateModel")
                }
                report(.creatingEndpointConfig, current.status, "CreateEndpointConfig \(plan.newEndpointConfig)")
                if try await createEndpointConfigIfNeeded(
                    client: client, name: plan.newEndpointConfig, modelName: modelName, spec: spec, env: env, tags: tags
                ) {
                    made("CreateEndpointConfig \(plan.newEndpointConfig)", "CreateEndpointConfig")
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
                made("CreateEndpoint \(plan.endpoint)", "CreateEndpoint")
            } else if !alreadyTargeted {
                report(
                    .startingDeployment, current.status, "UpdateEndpoint \(plan.endpoint) → \(plan.newEndpointConfig)")
                _ = try await client.sageMaker.updateEndpoint(
                    UpdateEndpointInput(
                        endpointName: plan.endpoint, endpointConfigName: plan.newEndpointConfig,
                        deploymentConfig: deploymentConfig))
                made("UpdateEndpoint \(plan.endpoint)", "UpdateEndpoint")
                if let arn = try? await client.sageMaker.describeEndpoint(
                    DescribeEndpointInput(endpointName: plan.endpoint)
                ).endpointArn {
                    do {
                        _ = try await client.sageMaker.addTags(AddTagsInput(resourceArn: arn, tags: tags))
                        made("AddTags \(plan.endpoint)", "AddTags")
                    } catch {
                        report(.deploying, nil, "could not tag the endpoint: \(PodiumErrors.describe(error))")
                    }
                }
            }
            status = try await waitForDeployment(
                client: client, plan: plan, started: started,
                sawChange: !current.exists || !alreadyTargeted || current.isChanging,
                report: report)
        } catch {
            let podiumError =
                (error as? PodiumError)
                ?? PodiumError(PodiumErrors.exitCode(error) == 3 ? .refused : .failed, PodiumErrors.describe(error))
            report(.failed, nil, podiumError.message)
            if PodiumErrors.isCancellation(error) {
                try? attempt.finish(
                    .interrupted, error: attempt.interruption("interrupted: the run was cancelled"), at: now())
            } else {
                try? attempt.finish(
                    podiumError.kind == .refused ? .refused : .failure, error: Self.auditText(podiumError), at: now())
            }
            withExtendedLifetime(lock) {}
            throw podiumError
        }
        report(.done, status, "\(plan.endpoint) runs \(plan.newEndpointConfig)")
        defer { withExtendedLifetime(lock) {} }
        do {
            try attempt.finish(.success, error: nil, at: now())
        } catch {
            throw PodiumError(
                .failed,
                "\(plan.endpoint) in \(plan.environment) now runs \(plan.newEndpointConfig), but the audit log could not record the success (\(PodiumErrors.describe(error))); its started record is there",
                hint: "free space or fix the audit log; the change itself is done")
        }
        return DeploymentOutcome(plan: plan, status: status, elapsed: now().timeIntervalSince(started), calls: calls)
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
