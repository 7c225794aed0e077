import Foundation

/// Running traffic plans (issue 15): audit first, re-checked at the moment of acting, followed until in service.
extension PodiumSession {
    /// Shifts weights or retires a variant as planned; `progress` gets a report at each step and poll. Returns the
    /// variants once SageMaker has the change in service. A plan with blockers is recorded as a refusal and throws.
    public func executeTraffic(
        _ plan: TrafficPlan, progress: @escaping @Sendable (DeploymentProgress) -> Void = { _ in }
    ) async throws -> EndpointVariants {
        try await TrafficExecutor(context: context, audit: changeAudit, recheck: recheckVariantPromotion)
            .execute(plan, progress: progress)
    }

    /// A variant promotion's preconditions again, at the moment of acting (with the endpoint's lock held): the
    /// package must still be the one planned and Approved, and for a challenger, which answers callers, the gate
    /// must still be met. Throws a refusal naming what changed since the plan.
    @Sendable func recheckVariantPromotion(_ plan: TrafficPlan) async throws {
        guard let added = plan.addition else { return }
        try await PromotionRecheck(context: context, registry: registry, health: healthService).verify(
            group: added.group, version: added.version, plannedArn: added.packageArn, environment: plan.environment,
            checkGate: added.role == .production)
    }
}
