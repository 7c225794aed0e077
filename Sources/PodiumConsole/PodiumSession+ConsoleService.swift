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

    /// How many of each group's newest approved or rejected versions the activity screen describes (once each:
    /// the describe cache keeps them while their status is unchanged). Older decisions reach the screen when a
    /// refresh sees their status change, or from podium's own audit records.
    public static let activityNewestDecidedPerGroup = 5

    /// How many of a group's newest versions the versions screen describes (created by, last modified), and how
    /// many of the oldest pending versions the pending screen describes: the rows a screen can show; rows further
    /// down show their summary fields.
    public static let versionsDescribedPerGroup = 60

    /// Groups and every pending version from one paged pass of ListModelPackages summaries (no describe).
    public func consoleRegistry() async throws -> (groups: [ModelGroupSummary], pending: [ModelVersion]) {
        let overview = try await registryOverview()
        return (overview.groups, overview.pending)
    }

    /// One paged pass: groups, pending queue, and the recent approval changes (bounded describes, cached).
    public func consoleRegistryOverview(progress: @escaping @Sendable (RegistryProgress) -> Void) async throws
        -> RegistrySnapshot
    {
        let overview = try await registryOverview(
            newestDecidedPerGroup: Self.activityNewestDecidedPerGroup, progress: progress)
        // The queue's first screenful (oldest first) gets its authors; pending versions stay cached while pending.
        let shown = Self.versionsDescribedPerGroup
        let pending = await withDetails(Array(overview.pending.prefix(shown))) + overview.pending.dropFirst(shown)
        return RegistrySnapshot(groups: overview.groups, pending: pending, recentChanges: overview.recentChanges)
    }

    /// The versions of a group, newest first: summaries, with the newest `versionsDescribedPerGroup` described
    /// (each once per approval status).
    public func consoleVersions(group: String) async throws -> [ModelVersion] {
        let summaries = try await versions(group: group, details: false)
        let shown = Self.versionsDescribedPerGroup
        return await withDetails(Array(summaries.prefix(shown))) + summaries.dropFirst(shown)
    }

    /// Versions a screen scrolled to, described once per approval status (the describe cache).
    public func consoleDescribe(_ versions: [ModelVersion]) async -> [ModelVersion] {
        await withDetails(versions)
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
