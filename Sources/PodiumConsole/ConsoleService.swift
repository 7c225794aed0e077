import Foundation
import PodiumCore

/// What the console asks of the domain: the `PodiumSession` calls it uses, as a seam.
///
/// `PodiumSession` conforms (see `PodiumSession+ConsoleService.swift`); every call runs inside an effect task,
/// never on the input or render path.
public protocol ConsoleService: Sendable {
    /// The caller identity used for the registry (shown in the status bar).
    func consoleIdentity() async throws -> CallerIdentity
    /// One health refresh of an environment.
    func consoleHealth(environment: String) async throws -> EnvironmentHealth
    /// The groups and every pending version (oldest first), in one pass over the registry.
    func consoleRegistry() async throws -> (groups: [ModelGroupSummary], pending: [ModelVersion])
    /// One registry pass (groups, pending queue, recent approval changes), reporting progress per group.
    func consoleRegistryOverview(progress: @escaping @Sendable (RegistryProgress) -> Void) async throws
        -> RegistrySnapshot
    /// The versions of a group, newest first, with details.
    func consoleVersions(group: String) async throws -> [ModelVersion]
    /// A version's detail.
    func consoleDetail(group: String, version: Int) async throws -> ModelVersionDetail
    /// Approves or rejects, refusing when the status is no longer `expectedStatus`.
    func consoleSetApproval(
        group: String, version: Int, decision: ApprovalStatus, comment: String, expectedStatus: String
    ) async throws -> ApprovalResult
    /// The plan of a promotion (with its blockers: gate, read-only, busy endpoint, not approved).
    func consolePlanPromotion(group: String, version: Int, environment: String, endpoint: String) async throws
        -> DeploymentPlan
    /// The plan of a rollback of an endpoint to its previous config.
    func consolePlanRollback(environment: String, endpoint: String) async throws -> DeploymentPlan
    /// Runs a plan, reporting progress, until the endpoint is in service (or the deployment failed).
    func consoleExecute(_ plan: DeploymentPlan, progress: @escaping @Sendable (DeploymentProgress) -> Void)
        async throws -> DeploymentOutcome
    /// The audit log's most recent records, newest first (at most `limit`).
    func consoleAudit(limit: Int) async throws -> [AuditRecord]
    /// The same, with the count of lines that could not be read (a torn last line), for the activity screen.
    func consoleAuditPage(limit: Int) async throws -> AuditPage

    /// The describe-only fields (author, approval comment, last modified) of versions a screen scrolled to, each
    /// described at most once per approval status (cached); a version that cannot be described comes back as given.
    func consoleDescribe(_ versions: [ModelVersion]) async -> [ModelVersion]
}

extension ConsoleService {
    /// Services without an overview answer from `consoleRegistry` (no progress, no recent changes).
    public func consoleRegistryOverview(progress: @escaping @Sendable (RegistryProgress) -> Void) async throws
        -> RegistrySnapshot
    {
        let (groups, pending) = try await consoleRegistry()
        return RegistrySnapshot(groups: groups, pending: pending)
    }

    /// Services that cannot describe give the summaries back.
    public func consoleDescribe(_ versions: [ModelVersion]) async -> [ModelVersion] { versions }

    /// Services that cannot tell report no unreadable lines.
    public func consoleAuditPage(limit: Int) async throws -> AuditPage {
        AuditPage(records: try await consoleAudit(limit: limit), unreadableLines: 0)
    }
}
