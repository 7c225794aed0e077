import Foundation

/// Running traffic plans (issue 15): audit first, re-checked at the moment of acting, followed until in service.
extension PodiumSession {
    /// Shifts weights or retires a variant as planned; `progress` gets a report at each step and poll. Returns the
    /// variants once SageMaker has the change in service. A plan with blockers is recorded as a refusal and throws.
    public func executeTraffic(
        _ plan: TrafficPlan, progress: @escaping @Sendable (DeploymentProgress) -> Void = { _ in }
    ) async throws -> EndpointVariants {
        try await TrafficExecutor(context: context, audit: changeAudit).execute(plan, progress: progress)
    }

    /// Records a traffic change the operator did not confirm (nothing changed).
    public func recordTrafficRefusal(_ plan: TrafficPlan, reason: String) async throws {
        try await TrafficExecutor(context: context, audit: changeAudit).recordRefusal(plan, reason: reason)
    }
}
