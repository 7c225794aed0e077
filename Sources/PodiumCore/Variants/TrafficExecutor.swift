import AWSCore
import Foundation

/// Runs traffic plans, audit first like every change: the log is opened and the `started` record written (with
/// the endpoint's lock) before the first write; the variants are read again at the moment of acting and anything
/// changed since the plan refuses; the outcome is recorded with the same attempt id.
struct TrafficExecutor: Sendable {
    let context: SessionContext
    let audit: ChangeAudit
    /// The preconditions of a variant promotion again, at the moment of acting (the package still the one planned
    /// and Approved; for a challenger, the gate still met); throws a refusal naming what changed. Nil: none.
    var recheck: (@Sendable (TrafficPlan) async throws -> Void)? = nil

    /// Shifts or retires as planned, reporting progress until SageMaker has the weights (or config) in service.
    func execute(_ plan: TrafficPlan, progress send: @escaping @Sendable (DeploymentProgress) -> Void) async throws
        -> EndpointVariants
    {
        let started = context.now()
        let elapsed = { @Sendable in context.now().timeIntervalSince(started) }
        let report: @Sendable (DeploymentProgress.Phase, DeploymentProgress.Status?, String) -> Void = {
            phase, status, message in
            send(DeploymentProgress(phase: phase, status: status, elapsed: elapsed(), message: message))
        }
        let client = try context.client(for: plan.environment)
        let operatorArn = await context.operatorArn(client: client, key: "env:\(plan.environment)")
        guard plan.isAllowed else {
            let error = PodiumError(.refused, "refused: " + plan.blockers.joined(separator: "; "))
            try recordRefusal(plan, reason: error.message, operatorArn: operatorArn)
            throw error
        }
        if plan.isNoOp { return plan.current }
        let action = Self.auditAction(plan.kind)
        let (attempt, lock) = try await audit.beginAttempt(
            action: action, environment: plan.environment, target: plan.endpoint, plan: plan.lines,
            operatorArn: operatorArn, lockKey: "endpoint/\(plan.environment)/\(plan.endpoint)", lockWait: nil,
            endpointConfig: plan.newEndpointConfig)
        defer { withExtendedLifetime(lock) {} }
        let reader = VariantReader(context: context)
        do {
            let now = try await reader.variants(environment: plan.environment, endpoint: plan.endpoint)
            if let changed = Self.changedSincePlan(plan, now: now) {
                throw PodiumError(.refused, changed + "; nothing was changed", hint: "plan again and re-check")
            }
            await context.beforeWrite?(action)
            // The last reads before the first write (after the test hook that holds a run at the moment of acting).
            try await recheck?(plan)
            // A success after a write that got no answer says how it was confirmed.
            let confirmation = try await runWrites(
                plan, current: now, client: client, operatorArn: operatorArn, attempt: attempt, report: report)
            let final = try await follow(plan, reader: reader, client: client, report: report)
            report(.done, .endpoint(.inService), Self.summary(final))
            try attempt.finish(.success, error: confirmation, at: context.now())
            return final
        } catch {
            let failure = PodiumError(error)
            report(.failed, nil, failure.message)
            audit.finish(attempt, after: error, interruption: "interrupted: the run was cancelled")
            throw failure
        }
    }

    /// The audit action of a kind of change: promotions for what adds or promotes a model, `traffic` otherwise.
    static func auditAction(_ kind: TrafficPlan.Kind) -> DeploymentAction {
        switch kind {
        case .addVariant, .addShadow, .promoteShadow: .promote
        case .shift, .retire: .traffic
        }
    }

    /// The new endpoint config's variants: the current config's, with the plan's variant removed, added, or the
    /// shadow's model moved into production; weights as they are now (a shift may have moved them).
    static func variants(
        for plan: TrafficPlan, existing: DescribeEndpointConfigOutput, current: EndpointVariants,
        executionRole: String?
    ) -> (production: [ProductionVariant], shadow: [ProductionVariant]) {
        let keep = { (variant: ProductionVariant) -> ProductionVariant in
            var copy = variant
            if let weight = current.variant(named: variant.variantName)?.currentWeight {
                copy.initialVariantWeight = weight
            }
            return copy
        }
        var production = existing.productionVariants.map(keep)
        var shadow = (existing.shadowProductionVariants ?? []).map(keep)
        switch plan.kind {
        case .shift:
            break
        case .retire:
            production.removeAll { $0.variantName == plan.retiring }
            shadow.removeAll { $0.variantName == plan.retiring }
        case .addVariant, .addShadow:
            guard let added = plan.addition else { break }
            var variant = ProductionVariant(
                variantName: added.name, modelName: added.modelName, initialVariantWeight: added.weight)
            switch added.capacity {
            case .instances(let type, let count):
                variant.instanceType = type
                variant.initialInstanceCount = count
            case .serverless(let settings):
                variant.serverlessConfig = ProductionVariantServerlessConfig(
                    memorySizeInMB: settings.memoryMB, maxConcurrency: settings.maxConcurrency)
            }
            if added.role == .shadow { shadow.append(variant) } else { production.append(variant) }
        case .promoteShadow:
            if let model = shadow.first?.modelName, !production.isEmpty { production[0].modelName = model }
            shadow = []
        }
        return (production, shadow)
    }

    /// Sends the plan's weights (UpdateEndpointWeightsAndCapacities); an error that leaves the outcome unknown
    /// becomes an `UncertainWrite`.
    func shift(_ plan: TrafficPlan, client: AWSClient, attempt: AuditAttempt) async throws {
        let moved = plan.changes.filter { $0.from != $0.to }
        let call = "UpdateEndpointWeightsAndCapacities \(plan.endpoint)"
        _ = try await UncertainWrite.attempt(call, operation: .updateEndpointWeightsAndCapacities) {
            try await client.sageMaker.updateEndpointWeightsAndCapacities(
                UpdateEndpointWeightsAndCapacitiesInput(
                    endpointName: plan.endpoint,
                    desiredWeightsAndCapacities: moved.map {
                        DesiredWeightAndCapacity(variantName: $0.variant, desiredWeight: $0.to)
                    }))
        }
        attempt.noteCall(call)
    }

    /// Creates the model (an addition) and the new endpoint config, each reused when it exists (the names are
    /// deterministic), then UpdateEndpoint; an error that leaves a write's outcome unknown becomes an
    /// `UncertainWrite`.
    func changeConfig(
        _ plan: TrafficPlan, current: EndpointVariants, client: AWSClient, operatorArn: String, attempt: AuditAttempt
    ) async throws {
        guard let config = plan.newEndpointConfig else { return }
        let env = try context.environment(plan.environment)
        let existing = try await client.sageMaker.describeEndpointConfig(
            DescribeEndpointConfigInput(endpointConfigName: current.endpointConfigName ?? ""))
        if let added = plan.addition {
            var input = CreateModelInput(
                modelName: added.modelName,
                primaryContainer: ContainerDefinition(modelPackageName: added.packageArn),
                executionRoleArn: env.executionRoleArn,
                tags: [
                    Tag(key: PodiumTags.managedBy, value: "podium"),
                    Tag(key: PodiumTags.endpoint, value: plan.endpoint),
                    Tag(key: PodiumTags.packageArn, value: added.packageArn),
                    Tag(key: PodiumTags.version, value: String(added.version)),
                ])
            if let rewriter = ReplicaRewriter(environment: env) {
                // The environment deploys from replicas (artifacts:): the package's containers, rewritten.
                let package = try await context.registryClient.sageMaker.describeModelPackage(
                    DescribeModelPackageInput(modelPackageName: added.packageArn))
                try rewriter.use(
                    package.inferenceSpecification?.containers ?? [], packageArn: added.packageArn, in: &input)
            }
            do {
                _ = try await UncertainWrite.attempt(
                    "CreateModel \(added.modelName)", operation: .createModel, alreadyExistsIsAnswer: true
                ) { try await client.sageMaker.createModel(input) }
                attempt.noteCall("CreateModel \(added.modelName)")
            } catch  where PodiumError.isAlreadyExists(error) {
                // a re-run: the model's name comes from endpoint, version and package, so it is ours
            }
        }
        let (production, shadow) = Self.variants(
            for: plan, existing: existing, current: current, executionRole: env.executionRoleArn)
        let main = Self.mainVariant(plan, current: current)
        var tags = [
            Tag(key: PodiumTags.managedBy, value: "podium"),
            Tag(key: PodiumTags.endpoint, value: plan.endpoint),
            Tag(key: PodiumTags.promoter, value: DeploymentExecutor.tagValue(operatorArn)),
            Tag(key: PodiumTags.previousEndpointConfig, value: current.endpointConfigName ?? "none"),
        ]
        if let main {
            tags.append(Tag(key: PodiumTags.packageArn, value: main.arn))
            tags.append(Tag(key: PodiumTags.group, value: main.group))
            tags.append(Tag(key: PodiumTags.version, value: String(main.version)))
        }
        do {
            _ = try await UncertainWrite.attempt(
                "CreateEndpointConfig \(config)", operation: .createEndpointConfig, alreadyExistsIsAnswer: true
            ) {
                try await client.sageMaker.createEndpointConfig(
                    CreateEndpointConfigInput(
                        endpointConfigName: config, productionVariants: production, tags: tags,
                        kmsKeyId: existing.kmsKeyId, shadowProductionVariants: shadow.isEmpty ? nil : shadow))
            }
            attempt.noteCall("CreateEndpointConfig \(config)")
        } catch  where PodiumError.isAlreadyExists(error) {
            // a re-run of an interrupted change: the config's name is derived from the plan
        }
        _ = try await UncertainWrite.attempt("UpdateEndpoint \(plan.endpoint)", operation: .updateEndpoint) {
            try await client.sageMaker.updateEndpoint(
                UpdateEndpointInput(endpointName: plan.endpoint, endpointConfigName: config))
        }
        attempt.noteCall("UpdateEndpoint \(plan.endpoint) → \(config)")
    }

    /// The package the new config mainly runs (its heaviest production variant), for the config's tags.
    static func mainVariant(_ plan: TrafficPlan, current: EndpointVariants) -> (
        arn: String, group: String, version: Int
    )? {
        var candidates = current.production.compactMap { variant -> (Double, String, String, Int)? in
            guard let arn = variant.modelPackageArn, let group = variant.group, let version = variant.version,
                variant.name != plan.retiring
            else { return nil }
            return (variant.currentWeight ?? 1, arn, group, version)
        }
        if plan.kind == .promoteShadow, let shadow = current.shadow.first, let arn = shadow.modelPackageArn,
            let group = shadow.group, let version = shadow.version
        {
            candidates = [(1, arn, group, version)]
        }
        if let added = plan.addition, added.role == .production {
            candidates.append((added.weight, added.packageArn, added.group, added.version))
        }
        return candidates.max { $0.0 < $1.0 }.map { ($0.1, $0.2, $0.3) }
    }

    /// Polls DescribeEndpoint until InService with the weights current (shift) or on the new config (retire).
    private func follow(
        _ plan: TrafficPlan, reader: VariantReader, client: AWSClient,
        report: @Sendable (DeploymentProgress.Phase, DeploymentProgress.Status?, String) -> Void
    ) async throws -> EndpointVariants {
        let deadline = context.now().addingTimeInterval(DurationFormat.seconds(context.deploymentTimeout))
        while true {
            try Task.checkCancellation()
            let described = try await client.sageMaker.describeEndpoint(
                DescribeEndpointInput(endpointName: plan.endpoint))
            let status = EndpointStatus(rawValue: described.endpointStatus)
            switch status {
            case .failed, .outOfService, .updateRollbackFailed:
                throw PodiumError(
                    .failed,
                    "\(plan.endpoint) is \(status): \(described.failureReason ?? "no reason given")",
                    hint: "see the endpoint's events; the variants keep what SageMaker reports")
            case .inService:
                // a new config is followed to its versions once it is in service; a shift only moves weights
                let arrived =
                    plan.makesConfig
                    ? described.endpointConfigName == plan.newEndpointConfig
                    : plan.changes.allSatisfy {
                        Self.merging(plan.current, described).variant(named: $0.variant)?.currentWeight == $0.to
                    }
                let now =
                    arrived && plan.makesConfig
                    ? try await reader.variants(environment: plan.environment, described: described, client: client)
                    : Self.merging(plan.current, described)
                if arrived, now.isSettled { return now }
                if plan.makesConfig, described.failureReason != nil {
                    throw PodiumError(
                        .failed,
                        "the change of \(plan.endpoint) to \(plan.newEndpointConfig ?? "") was rolled back: \(described.failureReason ?? "")"
                    )
                }
                report(.deploying, .endpoint(status), "waiting for the weights: " + Self.summary(now))
            default:
                report(.deploying, .endpoint(status), Self.summary(Self.merging(plan.current, described)))
            }
            if context.now() > deadline {
                throw PodiumError(
                    .failed,
                    "\(plan.endpoint) is still \(status) after \(DurationFormat.format(context.deploymentTimeout)); podium stopped waiting",
                    hint: "watch it with `podium traffic \(plan.endpoint) --env \(plan.environment)`")
            }
            try await context.sleep(context.pollInterval)
        }
    }

    /// The variants read for the plan with the weights, counts and status of a later DescribeEndpoint (polling
    /// needs no config or model reads: they do not change while weights move).
    static func merging(_ current: EndpointVariants, _ described: DescribeEndpointOutput) -> EndpointVariants {
        var merged = current
        merged.status = EndpointStatus(rawValue: described.endpointStatus)
        merged.endpointConfigName = described.endpointConfigName
        let summaries = (described.productionVariants ?? []) + (described.shadowProductionVariants ?? [])
        for (index, variant) in merged.variants.enumerated() {
            guard let summary = summaries.first(where: { $0.variantName == variant.name }) else { continue }
            merged.variants[index].currentWeight = summary.currentWeight ?? variant.currentWeight
            merged.variants[index].desiredWeight = summary.desiredWeight ?? summary.currentWeight
            merged.variants[index].currentInstanceCount = summary.currentInstanceCount
            merged.variants[index].desiredInstanceCount = summary.desiredInstanceCount
        }
        return merged
    }

    /// Why the plan no longer fits the endpoint, or `nil`.
    static func changedSincePlan(_ plan: TrafficPlan, now: EndpointVariants) -> String? {
        if now.status != .inService {
            return "\(plan.endpoint) is \(now.status.map { "\($0)" } ?? "unknown") now, not InService"
        }
        if now.endpointConfigName != plan.current.endpointConfigName {
            return "\(plan.endpoint) moved to \(now.endpointConfigName ?? "?") since the plan"
        }
        for variant in plan.current.variants
        where now.variant(named: variant.name)?.currentWeight != variant.currentWeight {
            return "the weight of \(variant.name) changed since the plan"
        }
        return nil
    }

    /// `champion 50 (50%), challenger 50 (50%)`.
    static func summary(_ variants: EndpointVariants) -> String {
        variants.variants.map { variant in
            let weight = variant.currentWeight.map(VariantWeights.format) ?? "?"
            switch variant.role {
            case .production:
                let share = variants.trafficPercent(of: variant.name).map(WeightChange.percent) ?? "?"
                let desired =
                    variant.desiredWeight.flatMap {
                        $0 != variant.currentWeight ? " → \(VariantWeights.format($0))" : nil
                    }
                    ?? ""
                return "\(variant.name) \(weight)\(desired) (\(share))"
            case .shadow:
                return
                    "\(variant.name) shadow \(variants.samplingPercent(of: variant.name).map(WeightChange.percent) ?? "?")"
            }
        }.joined(separator: ", ")
    }

    func recordRefusal(_ plan: TrafficPlan, reason: String) async throws {
        let client = try context.client(for: plan.environment)
        try recordRefusal(
            plan, reason: reason, operatorArn: await context.operatorArn(client: client, key: "env:\(plan.environment)")
        )
    }

    private func recordRefusal(_ plan: TrafficPlan, reason: String, operatorArn: String) throws {
        try context.auditLog.append(
            AuditRecord(
                time: context.now(), operatorArn: operatorArn, environment: plan.environment,
                action: Self.auditAction(plan.kind),
                target: plan.endpoint, plan: plan.lines, outcome: .refused, error: AuditAttempt.storable(reason),
                attempt: UUID().uuidString.lowercased(), pid: getpid(), host: AuditAttempt.hostName))
    }
}
