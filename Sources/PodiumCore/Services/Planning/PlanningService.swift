import AWSCore
import Foundation

/// Gathers the facts a plan is decided on (the package, what the endpoint runs, the gate's evidence, what exists
/// already, the history and the audit log) and hands them to the pure `DeploymentPlanner`. Reads only.
struct PlanningService: Sendable {
    let context: SessionContext
    let registry: RegistryService
    let deployments: DeploymentReader
    let health: HealthService
    let audit: ChangeAudit

    // MARK: - Promotion

    /// Plans a promotion of `group` `version` to an environment's endpoint for that group (or `endpoint`). Every
    /// precondition that fails is listed in `blockers`; nothing is changed.
    func planPromotion(group: String, version: Int, to name: String, endpoint: String?) async throws
        -> DeploymentPlan
    {
        DeploymentPlanner.planPromotion(
            try await promotionFacts(group: group, version: version, to: name, endpoint: endpoint))
    }

    /// The facts of a promotion, read in the order the plan shows them: the package, the endpoint, the gate's
    /// evidence (only when the environment has a gate), then whether the model and endpoint config exist.
    func promotionFacts(group: String, version: Int, to name: String, endpoint: String?) async throws
        -> PromotionFacts
    {
        let env = try context.environment(name)
        let spec = try context.endpointSpec(env: env, group: group, endpoint: endpoint)
        let client = try context.client(for: name)
        let package = try await registry.describePackage(group: group, version: version)
        let current = try await deployments.deployment(environment: name, endpoint: spec.name)
        let gate: GateStatus? =
            env.gate == nil ? nil : try await health.gateStatus(group: group, version: version, environment: name)
        let resourceName = SageMakerNames.resourceName(
            endpoint: spec.name, version: version, packageArn: package.modelPackageArn)
        let routeReader = RouteFactsReader(context: context)
        var routeFacts = try await routeReader.facts(env: env, spec: spec, current: current, group: group)
        routeFacts.preflight = try await routeReader.preflight(package: package, env: env)
        // The stack and pipeline routes create nothing themselves: no need to probe for podium's names.
        let direct = env.route == .direct
        let modelExists =
            direct
            ? await ResourceProbe.exists {
                _ = try await client.sageMaker.describeModel(DescribeModelInput(modelName: resourceName))
            } : false
        let configExists =
            direct
            ? await ResourceProbe.exists {
                _ = try await client.sageMaker.describeEndpointConfig(
                    DescribeEndpointConfigInput(endpointConfigName: resourceName))
            } : false
        var facts = PromotionFacts(
            group: group, version: version, environment: env, endpoint: spec, route: env.route,
            packageArn: package.modelPackageArn,
            packageStatus: package.modelApprovalStatus.map(ApprovalStatus.init(rawValue:)), current: current,
            gate: gate, readOnlyReason: context.readOnlyReason(name), modelExists: modelExists,
            endpointConfigExists: configExists)
        facts.routeFacts = routeFacts
        return facts
    }

    // MARK: - Rollback

    /// Plans a rollback of an endpoint to its previous endpoint config (see `DeploymentPlanner.planRollback`).
    func planRollback(environment name: String, endpoint: String) async throws -> DeploymentPlan {
        try DeploymentPlanner.planRollback(try await rollbackFacts(environment: name, endpoint: endpoint))
    }

    /// The facts of a rollback: what the endpoint runs, and only when it runs something, the configs podium
    /// created for it, the audit log's unfinished change, and the tagged previous config (whether it exists, and
    /// which package it serves when the history does not say).
    func rollbackFacts(environment name: String, endpoint: String) async throws -> RollbackFacts {
        let env = try context.environment(name)
        let spec = try context.endpoint(named: endpoint, in: env)
        let client = try context.client(for: name)
        let current = try await deployments.deployment(environment: name, endpoint: spec.name)
        var facts = RollbackFacts(
            environment: env, endpoint: spec, route: env.route, current: current, history: [], unfinished: nil,
            taggedPrevious: nil, readOnlyReason: context.readOnlyReason(name))
        let routeReader = RouteFactsReader(context: context)
        facts.routeFacts = try await routeReader.facts(
            env: env, spec: spec, current: current, group: spec.modelPackageGroup)
        let preflight = RollbackPreflightReader(context: context)
        if env.route != .direct {
            facts.routeFacts.previousPackageArn = routeReader.previousPackageArn(
                current: facts.routeFacts.stack?.parameterValue ?? current.modelPackageArn, environment: name,
                endpoint: spec.name)
            if current.exists, let previous = facts.routeFacts.previousPackageArn {
                facts.routeFacts.preflight = try await preflight.preflight(packageArn: previous, env: env)
            }
            return facts
        }
        guard current.exists, let currentConfig = current.endpointConfigName else { return facts }
        facts.history = try await deployments.history(of: current)
        facts.unfinished = audit.interruptedChange(environment: name, endpoint: spec.name)
        if DeploymentPlanner.resumesRollback(unfinished: facts.unfinished, currentConfig: currentConfig) {
            return facts  // the endpoint already runs the target: nothing is deployed again, nothing to check
        }
        facts.taggedPrevious = try await taggedPrevious(facts, currentConfig: currentConfig, client: client)
        if let target = DeploymentPlanner.rollbackTarget(facts, currentConfig: currentConfig) {
            facts.routeFacts.preflight = try await preflight.preflight(config: target.config, env: env)
        }
        return facts
    }

    /// The config the current one's own `podium:previous-endpoint-config` tag names: whether it still exists, and
    /// which package it serves when the history does not say. `nil` when the tag names none.
    private func taggedPrevious(_ facts: RollbackFacts, currentConfig: String, client: AWSClient) async throws
        -> RollbackFacts.TaggedPrevious?
    {
        let name = facts.environment.name
        let spec = facts.endpoint
        guard let previous = DeploymentPlanner.taggedPrevious(history: facts.history, currentConfig: currentConfig)
        else { return nil }
        var tagged = RollbackFacts.TaggedPrevious(name: previous, exists: false, packageArn: nil, version: nil)
        tagged.exists = await ResourceProbe.exists {
            _ = try await client.sageMaker.describeEndpointConfig(
                DescribeEndpointConfigInput(endpointConfigName: previous))
        }
        if tagged.exists {
            if let known = facts.history.first(where: { $0.endpointConfigName == previous }) {
                tagged.packageArn = known.modelPackageArn
                tagged.version = known.version
            } else {
                let resolution = await deployments.resolve(
                    configName: previous, environment: name, variant: spec.variant, client: client)
                tagged.packageArn = resolution.packageArn
                tagged.version = resolution.packageArn.flatMap(ARNShape.modelPackage)?.version
            }
        }
        return tagged
    }
}
