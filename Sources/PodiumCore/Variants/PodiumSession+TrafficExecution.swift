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
        let package = try await registry.describePackage(group: added.group, version: added.version)
        var changes: [String] = []
        if package.modelPackageArn != added.packageArn {
            changes.append("the package is now \(package.modelPackageArn), not \(added.packageArn)")
        }
        let status = ApprovalStatus(rawValue: package.modelApprovalStatus ?? "Unknown")
        if status != .approved { changes.append("\(added.group) v\(added.version) is now \(status)") }
        if changes.isEmpty, added.role == .production, try context.environment(plan.environment).gate != nil {
            let gate = try await gateStatus(group: added.group, version: added.version, environment: plan.environment)
            if !gate.isMet { changes += gate.reasons.map { "gate: \($0)" } }
        }
        guard changes.isEmpty else {
            throw PodiumError(
                .refused, "changed since the plan: " + changes.joined(separator: "; ") + "; nothing was changed",
                hint: "review the version again and retry")
        }
    }

    /// Records a traffic change the operator did not confirm (nothing changed).
    public func recordTrafficRefusal(_ plan: TrafficPlan, reason: String) async throws {
        try await TrafficExecutor(context: context, audit: changeAudit).recordRefusal(plan, reason: reason)
    }
}
