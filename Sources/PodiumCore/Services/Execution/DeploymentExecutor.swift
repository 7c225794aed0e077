import AWSCore
import Foundation

/// Runs a plan through its route, inside the guarantees every route shares: audit first, one lock per endpoint,
/// the re-check at the moment of acting, and one outcome record per attempt.
struct DeploymentExecutor: Sendable {
    let context: SessionContext
    let registry: RegistryService
    let deployments: DeploymentReader
    let health: HealthService
    let audit: ChangeAudit
    /// The route of each `DeploymentRoute` (`DeploymentExecutor.standardRoutes` unless a test injects others).
    let routes: [DeploymentRoute: any PromotionRoute]

    /// The routes podium ships, by the name a plan gives.
    static func route(_ route: DeploymentRoute) -> any PromotionRoute {
        switch route {
        case .direct: return DirectRoute()
        case .stack: return StackRoute()
        case .pipeline: return PipelineRoute()
        }
    }

    /// Every shipped route.
    static var standardRoutes: [DeploymentRoute: any PromotionRoute] {
        Dictionary(uniqueKeysWithValues: DeploymentRoute.allCases.map { ($0, route($0)) })
    }

    /// Runs a promotion or rollback plan and waits for `InService`, reporting progress through `progress`.
    ///
    /// Audit first: the audit log is opened and checked, and a `started` record with the plan is written,
    /// before the first AWS write (a log that cannot be written refuses the change); one outcome record
    /// (success, failure, refused, interrupted) follows with the same attempt id. At the moment of acting the
    /// endpoint, the package's approval and the gate are checked again, and anything changed since the plan
    /// refuses the change. A failed or rolled-back deployment throws `PodiumError(.failed)` with SageMaker's
    /// `FailureReason`.
    func execute(_ plan: DeploymentPlan, progress send: @escaping @Sendable (DeploymentProgress) -> Void) async throws
        -> DeploymentOutcome
    {
        let progress = ProgressReporter(started: context.now(), now: context.now, send: send)
        let client = try context.client(for: plan.environment)
        let operatorArn = await context.operatorArn(client: client, key: "env:\(plan.environment)")

        guard plan.isAllowed else {
            let error = PodiumError(.refused, "refused: " + plan.blockers.joined(separator: "; "))
            try audit.recordRefusal(plan: plan, reason: error.message, operatorArn: operatorArn)
            throw error
        }
        let (attempt, lock) = try await audit.beginAttempt(
            action: plan.action, environment: plan.environment, target: plan.endpoint, plan: plan.lines,
            operatorArn: operatorArn, lockKey: "endpoint/\(plan.environment)/\(plan.endpoint)", lockWait: nil,
            endpointConfig: plan.newEndpointConfig, command: AuditCommandLine.deployment(plan))
        defer { withExtendedLifetime(lock) {} }
        let outcome: DeploymentOutcome
        var confirmation: String?
        do {
            let routeContext = try await recheck(plan, client: client, operatorArn: operatorArn, attempt: attempt)
            guard let route = routes[plan.route] else {
                throw PodiumError(.failed, "podium cannot run the \(plan.route.rawValue) route in this build")
            }
            await context.beforeWrite?(plan.action)
            do {
                outcome = try await route.run(plan, context: routeContext, progress: progress)
            } catch let write as UncertainWrite {
                (outcome, confirmation) = try await carryOn(
                    after: write, plan: plan, route: route, context: routeContext, progress: progress)
            }
        } catch {
            let failure = PodiumError(error)
            progress(.failed, nil, failure.message)
            audit.finish(attempt, after: error, interruption: "interrupted: the run was cancelled")
            throw failure
        }
        progress(.done, .endpoint(outcome.status), "\(plan.endpoint) runs \(plan.newEndpointConfig)")
        do {
            // A success after a write that got no answer says how it was confirmed.
            try attempt.finish(.success, error: confirmation, at: context.now())
        } catch {
            throw PodiumError(
                .failed,
                "\(plan.endpoint) in \(plan.environment) now runs \(plan.newEndpointConfig), but the audit log could not record the success (\(PodiumError.describe(error))); its started record is there",
                hint: "free space or fix the audit log; the change itself is done")
        }
        return outcome
    }

    // MARK: - A write that got no answer

    /// After a write got no answer: re-reads what it would have changed (`UncertainWriteCheck`). When it took
    /// effect, the route carries on from there (following the change, never sending it again) and the success
    /// says how it was confirmed; otherwise the outcome is unknown (`WriteOutcomeUnknown`, audited `unknown`).
    private func carryOn(
        after write: UncertainWrite, plan: DeploymentPlan, route: any PromotionRoute,
        context routeContext: RouteContext,
        progress: ProgressReporter
    ) async throws -> (DeploymentOutcome, String) {
        let seen = try await UncertainWriteCheck(deployments: deployments).read(
            write, plan: plan, context: routeContext)
        switch seen {
        case .landed(let text):
            progress(.deploying, nil, write.carryingOn(text))
            var next = routeContext
            if write.operation.changesEndpoint {
                let now = try await deployments.deployment(environment: plan.environment, endpoint: plan.endpoint)
                next = routeContext.resuming(current: now)
            }
            let outcome = try await route.run(plan, context: next, progress: progress)
            return (outcome, write.confirmation(text))
        case .landedNotFollowed(let text), .notSeen(let text):
            throw WriteOutcomeUnknown(write: write, seen: text)
        }
    }

    // MARK: - The moment of acting

    /// Reads the endpoint again and refuses when it started changing or moved since the plan, when the environment
    /// became read-only, or when the package or the gate changed (`recheckPromotion`); returns what the route gets.
    private func recheck(_ plan: DeploymentPlan, client: AWSClient, operatorArn: String, attempt: AuditAttempt)
        async throws -> RouteContext
    {
        let current = try await deployments.deployment(environment: plan.environment, endpoint: plan.endpoint)
        let alreadyTargeted =
            current.endpointConfigName == plan.newEndpointConfig
            || current.pendingEndpointConfig == plan.newEndpointConfig
        if current.isChanging && !alreadyTargeted {
            throw PodiumError(
                .refused, "\(plan.endpoint) is \(current.status?.rawValue ?? "changing"); wait until it is InService",
                hint: "check `podium status --env \(plan.environment)` and retry")
        }
        if !alreadyTargeted, current.endpointConfigName != plan.currentEndpointConfig {
            throw PodiumError(
                .refused,
                "changed since the plan: \(plan.endpoint) now runs \(current.endpointConfigName ?? "nothing (it was deleted)"), not \(plan.currentEndpointConfig ?? "nothing"); nothing was changed",
                hint: "plan again and retry")
        }
        if context.isReadOnly(plan.environment) {
            throw PodiumError(.refused, "environment \(plan.environment) is read-only")
        }
        let package = try await recheckPromotion(plan)
        let env = try context.environment(plan.environment)
        let spec = try context.endpointSpec(env: env, group: plan.group, endpoint: plan.endpoint)
        return RouteContext(
            client: client, environment: env, endpoint: spec, current: current, alreadyTargeted: alreadyTargeted,
            tags: Self.podiumTags(plan: plan, operatorArn: operatorArn), now: context.now, sleep: context.sleep,
            pollInterval: context.pollInterval, timeout: context.deploymentTimeout, attempt: attempt,
            afterCall: context.afterCall, packageContainers: package?.inferenceSpecification?.containers ?? [])
    }

    /// The promotion's preconditions again, at the moment of acting: the package must still be the one planned
    /// and Approved, and the gate must still be met. Throws a refusal naming what changed since the plan.
    @discardableResult
    private func recheckPromotion(_ plan: DeploymentPlan) async throws -> DescribeModelPackageOutput? {
        guard plan.action == .promote, let version = plan.newVersion else { return nil }
        return try await PromotionRecheck(context: context, registry: registry, health: health).verify(
            group: plan.group, version: version, plannedArn: plan.newPackageArn, environment: plan.environment,
            checkGate: true)
    }

    // MARK: - Tags

    /// The tags podium puts on what it creates and on the endpoint: they make the history and rollback targets.
    static func podiumTags(plan: DeploymentPlan, operatorArn: String) -> [Tag] {
        var tags = [
            Tag(key: PodiumTags.managedBy, value: "podium"),
            Tag(key: PodiumTags.endpoint, value: plan.endpoint),
            Tag(key: PodiumTags.group, value: plan.group),
            Tag(key: PodiumTags.promoter, value: tagValue(operatorArn)),
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
}
