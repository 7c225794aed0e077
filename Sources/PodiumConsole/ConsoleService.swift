import Foundation
import PodiumCore

/// What the console asks of the domain: the `PodiumSession` calls it uses, under the session's own names, as a
/// seam (tests answer them with a recording fake). Every call runs inside an effect task, never on the input or
/// render path.
public protocol ConsoleService: Sendable {
    /// The caller identity used for the registry (shown in the status bar).
    func registryCallerIdentity() async throws -> CallerIdentity
    /// One health refresh of an environment (`window: nil`: the config's metrics window).
    func health(environment: String, window: Duration?) async throws -> EnvironmentHealth
    /// One registry pass (groups, pending queue, recent approval changes), reporting progress per group, with
    /// the newest decided versions of each group and the oldest pending versions described.
    func registryOverview(
        newestDecidedPerGroup: Int, describedPending: Int, progress: (@Sendable (RegistryProgress) -> Void)?
    ) async throws -> RegistryOverview
    /// The versions of a group, newest first, with the newest `count` described.
    func versions(group: String, describingNewest count: Int) async throws -> [ModelVersion]
    /// The describe-only fields (author, approval comment, last modified) of versions a screen scrolled to, each
    /// described at most once per approval status (cached); a version that cannot be described comes back as given.
    func withDetails(_ versions: [ModelVersion]) async -> [ModelVersion]
    /// A version's detail.
    func versionDetail(group: String, version: Int) async throws -> ModelVersionDetail
    /// Approves or rejects, refusing when the status is no longer `expectedStatus`.
    func setApproval(
        group: String, version: Int, decision: ApprovalStatus, comment: String, expectedStatus: ApprovalStatus?
    ) async throws -> ApprovalResult
    /// The plan of a promotion (with its blockers: gate, read-only, busy endpoint, not approved).
    func planPromotion(group: String, version: Int, to environment: String, endpoint: String?) async throws
        -> DeploymentPlan
    /// The plan of a rollback of an endpoint to its previous config.
    func planRollback(environment: String, endpoint: String) async throws -> DeploymentPlan
    /// Cancels the running CloudFormation update of the endpoint's stack (audited; refused when not updating).
    func cancelStackUpdate(environment: String, endpoint: String) async throws -> String
    /// Runs a plan, reporting progress, until the endpoint is in service (or the deployment failed).
    func execute(_ plan: DeploymentPlan, progress: @escaping @Sendable (DeploymentProgress) -> Void) async throws
        -> DeploymentOutcome
    /// The audit log's newest records, newest first, with the count of lines that could not be read.
    func auditPage(limit: Int) async throws -> AuditPage
    /// The activity screen's records: the team's shared log merged with the local one when a sink is configured
    /// (`teamError` says why the team's part is missing), else the local log.
    func teamAuditPage(limit: Int) async throws -> TeamAuditPage
    /// Signs in again to an SSO profile's session (IAM Identity Center's device flow), calling `show` with the URL
    /// and code to confirm, and returns once the new token is cached and the environments' credentials dropped.
    func signIn(profile: String, show: @escaping @Sendable (SignInPrompt) -> Void) async throws
    /// The pipeline ledger now (one row per group × environment, with its flags and their reasons).
    func ledger() async throws -> Ledger
    /// The deployment machinery (stacks, trigger rules, workflow runs) for the stacks `ledger` described.
    func machinery(ledger: Ledger) async throws -> PipelineMachinery
    /// An endpoint's log lines since the last call for it (`restart`: from the start of the log window).
    func endpointLogs(environment: String, endpoint: String, restart: Bool) async throws -> [LogLine]
    /// The traffic pane's plan: the named variants' new weights (`PodiumSession.planTrafficShift`).
    func planTrafficShift(environment: String, endpoint: String, weights: [(variant: String, weight: Double)])
        async throws -> TrafficPlan
    /// Runs a confirmed traffic plan, audited, until the weights are in service.
    func executeTraffic(_ plan: TrafficPlan, progress: @escaping @Sendable (DeploymentProgress) -> Void)
        async throws -> EndpointVariants
    /// Records a traffic plan the operator turned down.
    func recordTrafficRefusal(_ plan: TrafficPlan, reason: String) async throws
    /// A plan that adds a version beside what runs, as a challenger or a shadow (`PodiumSession.planVariantPromotion`).
    func planVariantPromotion(
        group: String, version: Int, to environment: String, endpoint: String?, name: String,
        addition: VariantPromotionPlanner.Addition
    ) async throws -> TrafficPlan
    /// Lists, switches or resets one environment's credentials (`:profile`; `PodiumSession.switchCredentials`).
    func switchCredentials(_ request: CredentialSwitch) async throws -> CredentialSwitchOutcome
}

extension ConsoleService {
    /// Services without AWS clients of their own (recording fakes) cannot switch credentials.
    public func switchCredentials(_ request: CredentialSwitch) async throws -> CredentialSwitchOutcome {
        throw ConsoleError("switching credentials is not available here")
    }
}

extension ConsoleService {
    /// Services without stacks have no update to cancel.
    public func cancelStackUpdate(environment: String, endpoint: String) async throws -> String {
        throw PodiumError(.refused, "\(endpoint) in \(environment) has no stack update to cancel")
    }
}

extension ConsoleService {
    /// Services without a shared log read the local one.
    public func teamAuditPage(limit: Int) async throws -> TeamAuditPage {
        let page = try await auditPage(limit: limit)
        return TeamAuditPage(records: page.records, unreadable: page.unreadableLines)
    }

    /// Services without SSO (recording fakes) cannot sign in.
    public func signIn(profile: String, show: @escaping @Sendable (SignInPrompt) -> Void) async throws {
        throw ConsoleError("signing in is not available here: run `podium login --profile \(profile)`")
    }
}

extension ConsoleService {
    /// Services without pipeline readers (recording fakes) have no ledger.
    public func ledger() async throws -> Ledger {
        throw ConsoleError("the pipeline is not available here")
    }

    /// Services without pipeline readers (recording fakes) have no machinery.
    public func machinery(ledger: Ledger) async throws -> PipelineMachinery {
        throw ConsoleError("the pipeline is not available here")
    }

    /// Services without log tailers (recording fakes) have no logs.
    public func endpointLogs(environment: String, endpoint: String, restart: Bool) async throws -> [LogLine] {
        throw ConsoleError("endpoint logs are not available here")
    }
}

/// The session answers every call itself: no relay, no renaming.
extension PodiumSession: ConsoleService {}
