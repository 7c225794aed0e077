import Foundation

/// The stack and pipeline routes' part of the pure planner, and the drift guard every route shares.
extension DeploymentPlanner {
    // MARK: - Drift guard and route blockers

    /// Why the route cannot run on this endpoint: a direct change to a stack-owned endpoint (the drift guard), a
    /// missing or busy stack, a stack parameter that does not exist, a GitHub token variable that is not set.
    static func routeBlockers(
        route: DeploymentRoute, environment env: EnvironmentConfig, endpoint: String, facts: RouteFacts
    )
        -> [String]
    {
        var blockers: [String] = []
        switch route {
        case .direct:
            if let owner = facts.owningStack {
                blockers.append(driftGuard(endpoint: endpoint, environment: env.name, stack: owner))
            }
        case .stack, .pipeline:
            guard let stack = facts.stack else {
                blockers.append("environment \(env.name) has no promotion.stack in the config")
                return blockers
            }
            if !stack.exists {
                blockers.append("stack \(stack.name) does not exist in \(env.name) (\(env.region))")
                return blockers
            }
            if !stack.hasParameter {
                blockers.append(
                    "stack \(stack.name) has no parameter \(stack.parameter) (it has: \(stack.parameterKeys.joined(separator: ", ")))"
                )
            }
            if route == .stack, !stack.isSettled {
                blockers.append(
                    "stack \(stack.name) is \(stack.status ?? "in an unknown state"); wait until it is settled (`podium cancel --env \(env.name) \(endpoint)` stops an update)"
                )
            }
            if let owner = facts.owningStack, owner != stack.name {
                blockers.append("\(endpoint) is owned by stack \(owner), not by the configured \(stack.name)")
            }
            if route == .pipeline, facts.tokenPresent == false,
                case .github(let github) = env.promotion?.pipeline?.trigger
            {
                blockers.append(
                    "the GitHub token variable \(github.tokenEnv) is not set (promotion.pipeline.github.token_env)")
            }
        }
        return blockers
    }

    /// The drift guard's refusal: the stack that owns the endpoint, and the route to use instead.
    static func driftGuard(endpoint: String, environment: String, stack: String) -> String {
        "\(endpoint) is owned by CloudFormation stack \(stack): a direct change would drift from it (the stack's next update would undo it, and its rollback would no longer cover the endpoint); use the stack route for \(environment): promotion: { route: stack, stack: { name: \(stack), parameter: <its package ARN parameter> } }"
    }

    /// The promotion plan with the route's part: for stack and pipeline routes the stack chooses the endpoint
    /// config and the model, and its template the strategy; for every route the drift guard, the route's
    /// blockers and warnings, and preflight (a failed check blocks, one that could not be made warns).
    static func withRoute(_ facts: PromotionFacts, _ plan: DeploymentPlan) -> DeploymentPlan {
        var plan = plan
        let route = facts.routeFacts
        if facts.route != .direct {
            plan.newEndpointConfig = stackChosenConfig(route)
            plan.modelName = nil
            plan.strategy = "the stack's template decides (\(route.stack?.name ?? "?"))"
        }
        plan.blockers += routeBlockers(
            route: facts.route, environment: facts.environment, endpoint: facts.endpoint.name, facts: route)
        plan.blockers += route.preflight.compactMap(\.blocker)
        plan.warnings += routeWarnings(route) + route.preflight.compactMap(\.warning)
        plan.preflight = route.preflight.isEmpty ? nil : route.preflight
        return plan
    }

    /// The calls of a stack or pipeline promotion.
    static func routePromotionCalls(_ facts: PromotionFacts) -> [PlannedCall] {
        let route = facts.routeFacts
        let change = PackageChange(
            old: route.stack?.parameterValue ?? facts.current.modelPackageArn ?? "none", new: facts.packageArn)
        switch facts.route {
        case .direct:
            return directPromotionCalls(facts)
        case .stack:
            guard let stack = route.stack else { return [] }
            return stackCalls(stack: stack, endpoint: facts.endpoint.name, change: change)
        case .pipeline:
            guard let settings = facts.environment.promotion?.pipeline else { return [] }
            return pipelineCalls(
                settings: settings, environment: facts.environment.name, endpoint: facts.endpoint.name,
                group: facts.group, stack: route.stack, change: change)
        }
    }

    /// Warnings of the route (ownership that could not be checked).
    static func routeWarnings(_ facts: RouteFacts) -> [String] {
        facts.ownershipUnknown.map { [$0] } ?? []
    }

    // MARK: - Calls

    /// The stack route: UpdateStack with the new ARN in the package parameter (skipped when it has it already),
    /// the stack's events until it settles, then the endpoint.
    static func stackCalls(stack: StackFacts, endpoint: String, change: PackageChange) -> [PlannedCall] {
        let others = stack.parameterKeys.filter { $0 != stack.parameter }
        let kept = others.isEmpty ? "" : ", UsePreviousValue for \(others.joined(separator: ", "))"
        return [
            PlannedCall(
                operation: "UpdateStack", resource: stack.name,
                detail: "\(change.text) in \(stack.parameter); UsePreviousTemplate\(kept)",
                alreadyDone: stack.parameterValue == change.new),
            PlannedCall(
                operation: "DescribeStackEvents", resource: stack.name,
                detail: "follow until UPDATE_COMPLETE; UPDATE_ROLLBACK_COMPLETE fails with the first failed event"),
            PlannedCall(
                operation: "DescribeEndpoint", resource: endpoint, detail: "poll until InService on the new package"),
        ]
    }

    /// The pipeline route: the trigger (pin, workflow dispatch, or the approval), following the run, the stack's
    /// events and the endpoint.
    static func pipelineCalls(
        settings: PipelineSettings, environment env: String, endpoint: String, group: String, stack: StackFacts?,
        change: PackageChange
    ) -> [PlannedCall] {
        let start = "must start within \(DurationFormat.format(settings.startTimeout))"
        var calls: [PlannedCall] = []
        switch settings.trigger {
        case .pin(let pattern):
            let name = PromotionPattern.expand(pattern, endpoint: endpoint, group: group, environment: env)
            calls.append(
                PlannedCall(operation: "PutParameter", resource: name, detail: "\(change.text); the pipeline reads it"))
        case .github(let github):
            calls.append(
                PlannedCall(
                    operation: "CreateWorkflowDispatch", resource: "\(github.repo) \(github.workflow)",
                    detail:
                        "\(change.text); ref \(github.ref), inputs environment=\(env), model_package_arn; token from $\(github.tokenEnv)"
                ))
            calls.append(
                PlannedCall(
                    operation: "GetWorkflowRun", resource: github.repo,
                    detail: "+ ListJobsForWorkflowRun until completed; \(start)"))
        case .approveOnly:
            calls.append(
                PlannedCall(
                    operation: "(none)", resource: "pipeline",
                    detail: "the approval starts it: it deploys the latest Approved version (\(change.text))"))
        }
        if let stack {
            calls.append(
                PlannedCall(
                    operation: "DescribeStackEvents", resource: stack.name,
                    detail: "follow until UPDATE_COMPLETE"
                        + (settings.trigger == .approveOnly || isPin(settings) ? "; \(start)" : "")))
        }
        calls.append(
            PlannedCall(
                operation: "DescribeEndpoint", resource: endpoint, detail: "poll until InService on the new package"))
        return calls
    }

    private static func isPin(_ settings: PipelineSettings) -> Bool {
        if case .pin = settings.trigger { return true }
        return false
    }

    /// What the endpoint shows in a stack or pipeline plan instead of a config podium would create.
    static func stackChosenConfig(_ facts: RouteFacts) -> String {
        "chosen by stack \(facts.stack?.name ?? "?")"
    }

    // MARK: - Rollback through a stack or pipeline

    /// A rollback of a stack or pipeline environment: the same update, with the package ARN that ran before the
    /// last change podium made (from the audit log). Refused when podium does not know it.
    static func planRouteRollback(_ facts: RollbackFacts) throws -> DeploymentPlan {
        let env = facts.environment
        let spec = facts.endpoint
        let current = facts.current
        let route = facts.route
        let routeFacts = facts.routeFacts
        guard current.exists else {
            throw PodiumError(.refused, "\(spec.name) is not deployed in \(env.name); there is nothing to roll back")
        }
        let running = routeFacts.stack?.parameterValue ?? current.modelPackageArn
        guard let previous = routeFacts.previousPackageArn, let running else {
            throw PodiumError(
                .refused,
                "podium does not know which package \(spec.name) in \(env.name) ran before \(running ?? "the current one"): no successful podium promotion through \(routeFacts.stack.map { "stack \($0.name)" } ?? "the \(route.rawValue) route") set it",
                hint: "promote the version you want instead (podium promote GROUP VERSION --to \(env.name))")
        }
        var blockers: [String] = []
        if let reason = facts.readOnlyReason { blockers.append(reason) }
        if current.isChanging {
            blockers.append("\(spec.name) is \(current.status?.rawValue ?? "changing"); wait until it is InService")
        }
        blockers += routeBlockers(route: route, environment: env, endpoint: spec.name, facts: routeFacts)
        let change = PackageChange(old: running, new: previous)
        var steps: [PlannedCall] = []
        switch route {
        case .direct:
            break
        case .stack:
            if let stack = routeFacts.stack { steps = stackCalls(stack: stack, endpoint: spec.name, change: change) }
        case .pipeline:
            if let settings = env.promotion?.pipeline {
                if settings.trigger == .approveOnly {
                    blockers.append(
                        "\(env.name) deploys the latest Approved version (approve_only): roll back by rejecting the current version in the registry (podium reject), which makes the pipeline deploy the previous one"
                    )
                }
                steps = pipelineCalls(
                    settings: settings, environment: env.name, endpoint: spec.name, group: spec.modelPackageGroup,
                    stack: routeFacts.stack, change: change)
            }
        }
        let target = ARNShape.modelPackage(previous)
        let plan = DeploymentPlan(
            action: .rollback, environment: env.name, region: env.region, endpoint: spec.name,
            group: spec.modelPackageGroup, currentVersion: current.version,
            currentEndpointConfig: current.endpointConfigName,
            newVersion: target?.version, newPackageArn: previous, newEndpointConfig: stackChosenConfig(routeFacts),
            modelName: nil, createsEndpoint: false, variantSummary: variantSummary(spec),
            strategy: "the stack's template decides (\(routeFacts.stack?.name ?? "?"))",
            alarms: env.deployment.autoRollbackAlarms, steps: steps,
            blockers: blockers, warnings: routeWarnings(routeFacts), confirm: env.confirm, route: route)
        return withPreflight(plan, routeFacts.preflight)
    }
}
