import AWSCore
import Foundation

/// A promotion's preconditions read again at the moment of acting, for replacing promotions (`DeploymentExecutor`)
/// and for challengers and shadows (`PodiumSession.recheckVariantPromotion`): the package must still be the one
/// planned and Approved, and, when asked, the environment's gate must still be met.
struct PromotionRecheck: Sendable {
    let context: SessionContext
    let registry: RegistryService
    let health: HealthService

    /// The package as it is now; throws a refusal naming what changed since the plan (nothing was changed).
    @discardableResult
    func verify(group: String, version: Int, plannedArn: String?, environment: String, checkGate: Bool)
        async throws -> DescribeModelPackageOutput
    {
        let package = try await registry.describePackage(group: group, version: version)
        var changes: [String] = []
        if let plannedArn, package.modelPackageArn != plannedArn {
            changes.append("the package is now \(package.modelPackageArn), not \(plannedArn)")
        }
        let status = ApprovalStatus(rawValue: package.modelApprovalStatus ?? "Unknown")
        if status != .approved {
            let by = RegistryService.version(from: package, group: group).lastChange
            changes.append("\(group) v\(version) is now \(status)" + (by.isEmpty ? "" : " (changed \(by))"))
        }
        if changes.isEmpty, checkGate, try context.environment(environment).gate != nil {
            let gate = try await health.gateStatus(group: group, version: version, environment: environment)
            if !gate.isMet { changes += gate.reasons.map { "gate: \($0)" } }
        }
        guard changes.isEmpty else {
            throw PodiumError(
                .refused, "changed since the plan: " + changes.joined(separator: "; ") + "; nothing was changed",
                hint: "review the version again and retry")
        }
        return package
    }
}
