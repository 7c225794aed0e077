import Foundation
import PodiumCore

extension PodiumSession: ConsoleService {
    /// The registry caller identity.
    public func consoleIdentity() async throws -> CallerIdentity {
        try await registryCallerIdentity()
    }

    /// One health refresh of an environment.
    public func consoleHealth(environment: String) async throws -> EnvironmentHealth {
        try await health(environment: environment)
    }

    /// Groups, then the pending versions of the groups that have some (no second ListModelPackageGroups pass).
    public func consoleRegistry() async throws -> (groups: [ModelGroupSummary], pending: [ModelVersion]) {
        let groups = try await groups()
        var pending: [ModelVersion] = []
        for group in groups where group.pending > 0 {
            pending += try await versions(group: group.name, status: .pending)
        }
        return (groups, pending.sorted { $0.created < $1.created })
    }

    /// The versions of a group, newest first.
    public func consoleVersions(group: String) async throws -> [ModelVersion] {
        try await versions(group: group)
    }

    /// A version's detail.
    public func consoleDetail(group: String, version: Int) async throws -> ModelVersionDetail {
        try await versionDetail(group: group, version: version)
    }

    /// Approve or reject with optimistic concurrency.
    public func consoleSetApproval(
        group: String, version: Int, decision: ApprovalStatus, comment: String, expectedStatus: String
    ) async throws -> ApprovalResult {
        try await setApproval(
            group: group, version: version, decision: decision, comment: comment, expectedStatus: expectedStatus)
    }

    /// The plan of a promotion.
    public func consolePlanPromotion(group: String, version: Int, environment: String, endpoint: String) async throws
        -> DeploymentPlan
    {
        try await planPromotion(group: group, version: version, to: environment, endpoint: endpoint)
    }

    /// The plan of a rollback.
    public func consolePlanRollback(environment: String, endpoint: String) async throws -> DeploymentPlan {
        try await planRollback(environment: environment, endpoint: endpoint)
    }

    /// Runs a plan.
    public func consoleExecute(_ plan: DeploymentPlan, progress: @escaping @Sendable (DeploymentProgress) -> Void)
        async throws -> DeploymentOutcome
    {
        try await execute(plan, progress: progress)
    }

    /// The newest audit records first.
    public func consoleAudit(limit: Int) async throws -> [AuditRecord] {
        try await consoleAuditPage(limit: limit).records
    }

    /// The newest audit records first, and how many lines were skipped as unreadable (never a failure).
    public func consoleAuditPage(limit: Int) async throws -> AuditPage {
        let (records, unreadable) = try auditLog.read()
        return AuditPage(records: Array(records.suffix(limit).reversed()), unreadableLines: unreadable)
    }
}
