import Foundation

/// Decides promotion and rollback plans from gathered facts. Pure: no AWS, no clock, no audit log; the same
/// facts always give the same plan, so every blocker and warning is tested without AWS (`DeploymentPlannerTests`).
public enum DeploymentPlanner {
    // MARK: - Promotion

    /// The plan of a promotion: its blockers (read-only, not approved, no execution role, endpoint busy, gate
    /// not met), its warnings (already running, another group) and the calls of its route.
    public static func planPromotion(_ facts: PromotionFacts) -> DeploymentPlan {
        let env = facts.environment
        let spec = facts.endpoint
        let current = facts.current
        let group = facts.group
        let version = facts.version
        let resourceName = facts.resourceName

        var blockers: [String] = []
        if let reason = facts.readOnlyReason { blockers.append(reason) }
        let status = facts.packageStatus ?? .other("Unknown")
        if status != .approved {
            blockers.append("\(group) v\(version) is \(status), not Approved")
        }
        if facts.route == .direct, env.executionRoleArn == nil {
            blockers.append("environment \(env.name) has no execution_role_arn in the config")
        }
        if current.isChanging {
            blockers.append("\(spec.name) is \(current.status?.rawValue ?? "changing"); wait until it is InService")
        }
        if let gate = facts.gate, !gate.isMet { blockers += gate.reasons.map { "gate: \($0)" } }

        var warnings: [String] = []
        if isLive(current, on: resourceName) {
            warnings.append("\(spec.name) already runs \(group) v\(version) (\(resourceName)); nothing will change")
        } else if current.group == group, current.version == version {
            warnings.append("\(spec.name) already runs \(group) v\(version) from another endpoint config")
        }
        if current.exists, let running = current.group, running != group {
            warnings.append("\(spec.name) currently runs group \(running), not \(group)")
        }

        let steps: [PlannedCall]
        switch facts.route {
        case .direct: steps = directPromotionCalls(facts)
        case .stack, .pipeline: steps = routePromotionCalls(facts)
        }
        let plan = DeploymentPlan(
            action: .promote, environment: env.name, region: env.region, endpoint: spec.name, group: group,
            currentVersion: current.group == group ? current.version : nil,
            currentEndpointConfig: current.endpointConfigName, newVersion: version, newPackageArn: facts.packageArn,
            newEndpointConfig: resourceName, modelName: resourceName, createsEndpoint: !current.exists,
            variantSummary: variantSummary(spec), strategy: env.deployment.summary,
            alarms: env.deployment.autoRollbackAlarms, steps: steps, blockers: blockers, warnings: warnings,
            confirm: env.confirm, route: facts.route)
        return withRoute(facts, plan)
    }

    // MARK: - Rollback

    /// Whether a rollback re-run only confirms an earlier one: that rollback was killed or interrupted after its
    /// UpdateEndpoint already moved the endpoint to its target, which is what runs now.
    public static func resumesRollback(unfinished: AuditRecord?, currentConfig: String?) -> Bool {
        guard let unfinished, let currentConfig else { return false }
        return unfinished.action == .rollback && unfinished.endpointConfig == currentConfig
    }

    /// The config the current one's `podium:previous-endpoint-config` tag names, when it is another config.
    public static func taggedPrevious(history: [DeploymentHistoryEntry], currentConfig: String) -> String? {
        guard let entry = history.first(where: { $0.endpointConfigName == currentConfig }),
            let previous = entry.previousEndpointConfig, previous != "none", previous != currentConfig
        else { return nil }
        return previous
    }

    /// The plan of a rollback to the previous endpoint config: the one an unfinished rollback already moved to
    /// (this run only confirms it), else the config the endpoint ran before the current one (`rollbackTarget`:
    /// the endpoint's or the current config's `podium:previous-endpoint-config` tag, else the newest older config
    /// podium created for the endpoint). Preflight of the target's model is shown, and a failed check blocks.
    /// Throws a refusal when the endpoint is not deployed or has nothing to roll back to.
    public static func planRollback(_ facts: RollbackFacts) throws -> DeploymentPlan {
        let env = facts.environment
        let spec = facts.endpoint
        let current = facts.current
        let history = facts.history
        if facts.route != .direct { return try planRouteRollback(facts) }
        if let owner = facts.routeFacts.owningStack {
            throw PodiumError(
                .refused, driftGuard(endpoint: spec.name, environment: env.name, stack: owner),
                hint: "nothing was changed")
        }
        guard current.exists, let currentConfig = current.endpointConfigName else {
            throw PodiumError(.refused, "\(spec.name) is not deployed in \(env.name); there is nothing to roll back")
        }
        var target: RollbackTarget?
        var warnings: [String] = []
        if resumesRollback(unfinished: facts.unfinished, currentConfig: currentConfig),
            let unfinished = facts.unfinished
        {
            let known = history.first { $0.endpointConfigName == currentConfig }
            target = RollbackTarget(
                config: currentConfig, version: known?.version ?? current.version, packageArn: known?.modelPackageArn)
            warnings.append(
                "the rollback of \(ISO8601.string(unfinished.time)) (attempt \(unfinished.attempt ?? "?")) did not finish, but \(spec.name) already runs its target \(currentConfig); this run only confirms it"
            )
        }
        if target == nil { target = rollbackTarget(facts, currentConfig: currentConfig) }
        guard let target else {
            throw PodiumError(
                .refused, "\(spec.name) in \(env.name) has no previous endpoint config to roll back to",
                hint:
                    "rollback targets are the endpoint configs podium created for this endpoint; promote a version instead"
            )
        }
        var blockers: [String] = []
        if let reason = facts.readOnlyReason { blockers.append(reason) }
        if current.isChanging {
            blockers.append("\(spec.name) is \(current.status?.rawValue ?? "changing"); wait until it is InService")
        }
        let steps: [PlannedCall]
        switch facts.route {
        case .direct:
            steps = directRollbackCalls(
                endpoint: spec.name, from: currentConfig, to: target.config, strategy: env.deployment.summary)
        case .stack, .pipeline:
            steps = []  // planRouteRollback above
        }
        let plan = DeploymentPlan(
            action: .rollback, environment: env.name, region: env.region, endpoint: spec.name,
            group: spec.modelPackageGroup, currentVersion: current.version, currentEndpointConfig: currentConfig,
            newVersion: target.version, newPackageArn: target.packageArn, newEndpointConfig: target.config,
            modelName: nil, createsEndpoint: false, variantSummary: variantSummary(spec),
            strategy: env.deployment.summary, alarms: env.deployment.autoRollbackAlarms, steps: steps,
            blockers: blockers, warnings: warnings, confirm: env.confirm, route: facts.route)
        return withPreflight(plan, facts.routeFacts.preflight)
    }

    /// The plan with its preflight lines: a failed check blocks, one that could not be made warns (naming the
    /// missing action). For a rollback, the emergency path, a check that could not be made never blocks.
    static func withPreflight(_ plan: DeploymentPlan, _ checks: [PreflightSummary]) -> DeploymentPlan {
        var plan = plan
        plan.blockers += checks.compactMap(\.blocker)
        plan.warnings += checks.compactMap(\.warning)
        plan.preflight = checks.isEmpty ? nil : checks
        return plan
    }

    // MARK: - Calls of the direct route

    /// CreateModel, CreateEndpointConfig (each skipped when it exists), UpdateEndpoint and AddTags (skipped when
    /// the endpoint already runs the config) or CreateEndpoint, then DescribeEndpoint until `InService`.
    static func directPromotionCalls(_ facts: PromotionFacts) -> [PlannedCall] {
        let env = facts.environment
        let spec = facts.endpoint
        let current = facts.current
        let resourceName = facts.resourceName
        var steps: [PlannedCall] = [
            PlannedCall(
                operation: "CreateModel", resource: resourceName,
                detail: "from \(facts.packageArn), role \(env.executionRoleArn ?? "?")"
                    + (env.vpc != nil ? ", VPC" : "")
                    + (ReplicaRewriter(environment: env).map { "; replicas: \($0.summary)" } ?? ""),
                alreadyDone: facts.modelExists),
            PlannedCall(
                operation: "CreateEndpointConfig", resource: resourceName,
                detail: variantSummary(spec) + (env.kmsKeyId.map { ", KMS \($0)" } ?? ""),
                alreadyDone: facts.endpointConfigExists),
        ]
        let alreadyLive = isLive(current, on: resourceName)
        if current.exists {
            steps.append(
                PlannedCall(
                    operation: "UpdateEndpoint", resource: spec.name,
                    detail: "\(current.endpointConfigName ?? "?") → \(resourceName); \(env.deployment.summary)",
                    alreadyDone: alreadyLive))
            steps.append(
                PlannedCall(
                    operation: "AddTags", resource: spec.name, detail: "version \(facts.version), promoter",
                    alreadyDone: alreadyLive))
        } else {
            steps.append(
                PlannedCall(operation: "CreateEndpoint", resource: spec.name, detail: "config \(resourceName)"))
        }
        steps.append(PlannedCall(operation: "DescribeEndpoint", resource: spec.name, detail: "poll until InService"))
        return steps
    }

    /// UpdateEndpoint and AddTags (skipped when the endpoint already runs the target), then DescribeEndpoint.
    static func directRollbackCalls(endpoint: String, from current: String, to target: String, strategy: String)
        -> [PlannedCall]
    {
        [
            PlannedCall(
                operation: "UpdateEndpoint", resource: endpoint, detail: "\(current) → \(target); \(strategy)",
                alreadyDone: target == current),
            PlannedCall(
                operation: "AddTags", resource: endpoint, detail: "version, promoter", alreadyDone: target == current),
            PlannedCall(operation: "DescribeEndpoint", resource: endpoint, detail: "poll until InService"),
        ]
    }

    // MARK: - Helpers

    /// Whether the endpoint is in service on this config already.
    static func isLive(_ current: EndpointDeployment, on config: String) -> Bool {
        current.endpointConfigName == config && current.status == .inService
    }

    /// `AllTraffic ml.m5.large × 1`.
    static func variantSummary(_ spec: EndpointSpec) -> String {
        "\(spec.variant) \(spec.instanceType) × \(spec.instanceCount)"
    }
}
