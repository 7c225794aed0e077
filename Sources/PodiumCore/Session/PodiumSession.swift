import AWSCore
import Foundation

/// The domain API every front end uses: registry, deployments, health, approvals, promotion, rollback and
/// audit, over one set of AWS clients per environment. UI-free, `Sendable`, safe to call concurrently.
///
/// A façade: each call goes to one service (`RegistryService`, `DeploymentReader`, `HealthService`,
/// `ApprovalService`, `PlanningService` → the pure `DeploymentPlanner`, `DeploymentExecutor` → a `PromotionRoute`),
/// which share the session's `SessionContext` (config, clients, clock, caches).
public final class PodiumSession: Sendable {
    let context: SessionContext
    let registry: RegistryService
    let deploymentReader: DeploymentReader
    let healthService: HealthService
    let approvals: ApprovalService
    let planning: PlanningService
    let executor: DeploymentExecutor
    let changeAudit: ChangeAudit
    /// The pipeline screen's readers (kept for their caches; see `ledger()`).
    let pipelineReaders = PipelineReaders()
    /// The log view's tailers (kept for their cursors; see `endpointLogs`).
    let logTails = EndpointLogTails()
    /// Builds the clients; kept to build an environment's new ones (`switchCredentials`).
    let clientFactory: any AWSClientFactory

    /// Creates a session, building one client per environment (read-only where the config says so).
    public init(
        config: PodiumConfig, clientFactory: any AWSClientFactory, auditLog: AuditLog,
        now: @escaping @Sendable () -> Date = { Date() }, pollInterval: Duration = .seconds(5),
        deploymentTimeout: Duration = .seconds(3 * 3600),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        afterCall: (@Sendable (String) -> Void)? = nil,
        beforeWrite: (@Sendable (DeploymentAction) async -> Void)? = nil,
        notice: @escaping @Sendable (String) -> Void = { _ in }
    ) throws {
        let registryClient = try clientFactory.makeClient(
            region: config.registry.region, credentials: config.registry.credentials, readOnly: config.readOnly)
        var clients: [String: AWSClient] = [:]
        for env in config.environments {
            clients[env.name] = try clientFactory.makeClient(
                region: env.region, credentials: env.credentials, readOnly: env.readOnly || config.readOnly)
        }
        let context = SessionContext(
            config: config, auditLog: auditLog, registryClient: registryClient, environmentClients: clients, now: now,
            sleep: sleep, pollInterval: pollInterval, deploymentTimeout: deploymentTimeout, afterCall: afterCall,
            beforeWrite: beforeWrite, notice: notice)
        self.context = context
        self.clientFactory = clientFactory
        deploymentReader = DeploymentReader(context: context)
        registry = RegistryService(context: context, deployments: deploymentReader)
        healthService = HealthService(context: context, deployments: deploymentReader)
        changeAudit = ChangeAudit(context: context)
        approvals = ApprovalService(
            context: context, registry: registry, deployments: deploymentReader, audit: changeAudit)
        planning = PlanningService(
            context: context, registry: registry, deployments: deploymentReader, health: healthService,
            audit: changeAudit)
        executor = DeploymentExecutor(
            context: context, registry: registry, deployments: deploymentReader, health: healthService,
            audit: changeAudit, routes: DeploymentExecutor.standardRoutes)
    }

    // MARK: - Settings

    /// The validated config (with `--read-only` already applied).
    public var config: PodiumConfig { context.config }
    /// The audit log.
    public var auditLog: AuditLog { context.auditLog }
    /// The registry's client.
    public var registryClient: AWSClient { context.registryClient }
    /// One client per environment, by name.
    public var environmentClients: [String: AWSClient] { context.environmentClients }
    /// The clock.
    public var now: @Sendable () -> Date { context.now }
    /// How long to wait between DescribeEndpoint polls while a deployment runs.
    public var pollInterval: Duration { context.pollInterval }
    /// How long a deployment may take before podium stops waiting (the deployment itself carries on).
    public var deploymentTimeout: Duration { context.deploymentTimeout }
    /// The IAM actions refused during reads that degrade instead of failing (see `AccessDenials`).
    public var accessDenials: AccessDenials { context.accessDenials }

    // MARK: - Lookup and identity

    /// The environment with this name, or a usage error listing the known ones.
    public func environment(_ name: String) throws -> EnvironmentConfig { try context.environment(name) }

    /// The client of an environment.
    public func client(for environment: String) throws -> AWSClient { try context.client(for: environment) }

    /// Whether mutations are refused in an environment (`read_only: true` or `--read-only`).
    public func isReadOnly(_ environment: String) -> Bool { context.isReadOnly(environment) }

    /// The caller identity in an environment (cached for the session).
    public func callerIdentity(environment: String) async throws -> CallerIdentity {
        try await context.identity(client: client(for: environment), key: "env:\(environment)")
    }

    /// The caller identity used for the registry (cached for the session).
    public func registryCallerIdentity() async throws -> CallerIdentity {
        try await context.identity(client: registryClient, key: "registry")
    }

    // MARK: - Registry

    /// Every model package group with its counts per approval state and latest version (summaries only).
    public func groups() async throws -> [ModelGroupSummary] { try await registry.groups() }

    /// Groups, the pending queue and recent approval changes in one paged pass (see `RegistryReader` for the
    /// calls it costs). Describes at most `newestDecidedPerGroup` decided versions per group and the oldest
    /// `describedPending` pending versions, each once per approval status.
    public func registryOverview(
        newestDecidedPerGroup: Int = 0, describedPending: Int = 0,
        progress: (@Sendable (RegistryProgress) -> Void)? = nil
    ) async throws -> RegistryOverview {
        try await registry.registryOverview(
            newestDecidedPerGroup: newestDecidedPerGroup, describedPending: describedPending, progress: progress)
    }

    /// The versions of a group, newest first, optionally filtered by approval status; with `details`, the
    /// describe-only fields, each version described once per approval status (cached by ARN).
    public func versions(group: String, status: ApprovalStatus? = nil, details: Bool = true) async throws
        -> [ModelVersion]
    {
        try await registry.versions(group: group, status: status, details: details)
    }

    /// The versions of a group, newest first, with the newest `count` described (the rows a screen shows).
    public func versions(group: String, describingNewest count: Int) async throws -> [ModelVersion] {
        try await registry.versions(group: group, describingNewest: count)
    }

    /// The same versions with their describe-only fields, describing only those not already cached with their
    /// current status (for the rows a screen shows).
    public func withDetails(_ versions: [ModelVersion]) async -> [ModelVersion] {
        await registry.withDetails(versions)
    }

    /// Every version waiting for approval in every group, oldest first (summary fields only).
    public func pendingVersions() async throws -> [ModelVersion] { try await registry.pendingVersions() }

    /// One version, described fresh.
    public func version(group: String, version: Int) async throws -> ModelVersion {
        try await registry.version(group: group, version: version)
    }

    /// A version's inference spec, metadata, evaluation metrics, and the comparison with what each environment
    /// runs (a missing or unreadable report is reported in the result, never thrown).
    public func versionDetail(group: String, version: Int) async throws -> ModelVersionDetail {
        try await registry.versionDetail(group: group, version: version)
    }

    /// Approves or rejects a version (see `ApprovalService.setApproval`): refused when the status is no longer
    /// `expectedStatus`, audited first.
    public func setApproval(
        group: String, version: Int, decision: ApprovalStatus, comment: String, expectedStatus: ApprovalStatus? = nil
    ) async throws -> ApprovalResult {
        try await approvals.setApproval(
            group: group, version: version, decision: decision, comment: comment, expectedStatus: expectedStatus)
    }

    // MARK: - Deployments and health

    /// What every configured endpoint of an environment runs (DescribeEndpoint only for endpoints that changed).
    public func deployments(environment: String) async throws -> [EndpointDeployment] {
        try await deploymentReader.deployments(environment: environment)
    }

    /// The deployment of one endpoint, read fresh.
    public func deployment(environment: String, endpoint: String) async throws -> EndpointDeployment {
        try await deploymentReader.deployment(environment: environment, endpoint: endpoint)
    }

    /// The endpoint configs podium created for an endpoint (found by its tags), newest first. Rollback targets.
    public func history(environment: String, endpoint: String) async throws -> [DeploymentHistoryEntry] {
        try await deploymentReader.history(environment: environment, endpoint: endpoint)
    }

    /// One health refresh of an environment (one ListEndpoints pass, one GetMetricData, one DescribeAlarms).
    public func health(environment: String, window: Duration? = nil) async throws -> EnvironmentHealth {
        try await healthService.health(environment: environment, window: window)
    }

    /// The health of every environment, refreshed concurrently; a failing environment yields an error entry.
    public func healthOfAll() async -> [(environment: String, result: Result<EnvironmentHealth, PodiumError>)] {
        await healthService.healthOfAll()
    }

    /// Whether the target environment's gate is met for a version (see `GateEvaluator`).
    public func gateStatus(group: String, version: Int, environment: String) async throws -> GateStatus {
        try await healthService.gateStatus(group: group, version: version, environment: environment)
    }

    // MARK: - Promotion and rollback

    /// Plans a promotion of `group` `version` to an environment's endpoint for that group (or `endpoint`): the
    /// facts are read, then `DeploymentPlanner` decides. Every precondition that fails is a blocker.
    public func planPromotion(group: String, version: Int, to environment: String, endpoint: String? = nil)
        async throws -> DeploymentPlan
    {
        try await planning.planPromotion(group: group, version: version, to: environment, endpoint: endpoint)
    }

    /// Plans a rollback of an endpoint to its previous endpoint config.
    public func planRollback(environment: String, endpoint: String) async throws -> DeploymentPlan {
        try await planning.planRollback(environment: environment, endpoint: endpoint)
    }

    /// Runs a plan through its route (audit first, re-checked at the moment of acting) until the endpoint is
    /// `InService`, reporting progress.
    public func execute(
        _ plan: DeploymentPlan, progress: @escaping @Sendable (DeploymentProgress) -> Void = { _ in }
    ) async throws -> DeploymentOutcome {
        try await executor.execute(plan, progress: progress)
    }

    /// The same as `execute(_:progress:)`, as a stream of progress events that finishes with the outcome.
    public func executeStream(_ plan: DeploymentPlan) -> AsyncThrowingStream<DeploymentEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let outcome = try await self.execute(plan) { continuation.yield(.progress($0)) }
                    continuation.yield(.finished(outcome))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    // MARK: - Audit

    /// The audit log's newest `limit` records, newest first, and how many lines could not be read (a torn last
    /// line is skipped, never a failure).
    public func auditPage(limit: Int) throws -> AuditPage {
        let (records, unreadable) = try auditLog.read()
        return AuditPage(records: Array(records.suffix(limit).reversed()), unreadableLines: unreadable)
    }

    /// Records an attempted mutation that was refused before anything changed (e.g. not confirmed).
    public func recordRefusal(plan: DeploymentPlan, reason: String) async throws {
        let client = try client(for: plan.environment)
        let arn = await context.operatorArn(client: client, key: "env:\(plan.environment)")
        try changeAudit.recordRefusal(plan: plan, reason: reason, operatorArn: arn)
    }
}
