import AWSCore
import Foundation

/// The domain API every front end uses: registry, deployments, health, approvals, promotion, rollback and
/// audit, over one set of AWS clients per environment. UI-free, `Sendable`, safe to call concurrently.
public final class PodiumSession: Sendable {
    /// The validated config (with `--read-only` already applied).
    public let config: PodiumConfig
    /// The audit log.
    public let auditLog: AuditLog
    /// The registry's client.
    public let registryClient: AWSClient
    /// One client per environment, by name.
    public let environmentClients: [String: AWSClient]
    /// The clock.
    public let now: @Sendable () -> Date
    /// How long to wait between DescribeEndpoint polls while a deployment runs.
    public let pollInterval: Duration
    /// How long a deployment may take before podium stops waiting (the deployment itself carries on).
    public let deploymentTimeout: Duration
    /// Waits between polls (injected so tests control time).
    let sleep: @Sendable (Duration) async throws -> Void
    /// Called after each mutating AWS call succeeds, with the operation name (test hook for crash tests).
    let afterCall: (@Sendable (String) -> Void)?
    /// Called right before the first AWS write of a change, after every check (test hook for race tests).
    let beforeWrite: (@Sendable (DeploymentAction) async -> Void)?
    /// Receives what the operator should know that is not the result (an earlier attempt that never finished).
    let notice: @Sendable (String) -> Void
    let cache = SessionCache()
    /// DescribeModelPackage results by ARN and status (see `RegistryReader`).
    let describeCache = DescribeCache()
    /// The IAM actions refused during reads that degrade instead of failing (see `AccessDenials`).
    public let accessDenials = AccessDenials()

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
        self.config = config
        self.auditLog = auditLog
        self.registryClient = try clientFactory.makeClient(
            region: config.registry.region, credentials: config.registry.credentials, readOnly: config.readOnly)
        var clients: [String: AWSClient] = [:]
        for env in config.environments {
            clients[env.name] = try clientFactory.makeClient(
                region: env.region, credentials: env.credentials, readOnly: env.readOnly || config.readOnly)
        }
        self.environmentClients = clients
        self.now = now
        self.pollInterval = pollInterval
        self.deploymentTimeout = deploymentTimeout
        self.sleep = sleep
        self.afterCall = afterCall
        self.beforeWrite = beforeWrite
        self.notice = notice
    }

    // MARK: - Lookup

    /// The environment with this name, or a usage error listing the known ones.
    public func environment(_ name: String) throws -> EnvironmentConfig {
        if let env = config.environment(named: name) { return env }
        let names = config.environments.map(\.name)
        let hint = EditDistance.suggestion(for: name, among: names).map { "did you mean \"\($0)\"?" }
        throw PodiumError(
            .usage, "unknown environment \"\(name)\"",
            hint: hint ?? "configured environments: \(names.joined(separator: ", "))")
    }

    /// The client of an environment.
    public func client(for environment: String) throws -> AWSClient {
        let env = try self.environment(environment)
        return environmentClients[env.name]!
    }

    /// Whether mutations are refused in an environment (`read_only: true` or `--read-only`).
    public func isReadOnly(_ environment: String) -> Bool {
        config.readOnly || (config.environment(named: environment)?.readOnly ?? true)
    }

    // MARK: - Identity

    /// The caller identity in an environment (cached for the session).
    public func callerIdentity(environment: String) async throws -> CallerIdentity {
        try await identity(client: client(for: environment), key: "env:\(environment)")
    }

    /// The caller identity used for the registry (cached for the session).
    public func registryCallerIdentity() async throws -> CallerIdentity {
        try await identity(client: registryClient, key: "registry")
    }

    func identity(client: AWSClient, key: String) async throws -> CallerIdentity {
        if let cached = await cache.identity(key) { return cached }
        let response = try await client.sts.getCallerIdentity()
        let identity = CallerIdentity(
            arn: response.arn ?? "unknown", account: response.account ?? "unknown", userId: response.userId)
        await cache.setIdentity(key, identity)
        return identity
    }

    /// The operator ARN for audit records: the identity, or a plain `unknown` if it cannot be found (the reason
    /// can carry a credential helper's output, which the audit log must never keep).
    func operatorArn(client: AWSClient, key: String) async -> String {
        (try? await identity(client: client, key: key).arn) ?? "unknown"
    }

    // MARK: - Audit

    /// Records an attempted mutation that was refused before anything changed (e.g. not confirmed).
    public func recordRefusal(plan: DeploymentPlan, reason: String) async throws {
        let client = try client(for: plan.environment)
        let arn = await operatorArn(client: client, key: "env:\(plan.environment)")
        try recordRefusal(plan: plan, reason: reason, operatorArn: arn)
    }

    func recordRefusal(plan: DeploymentPlan, reason: String, operatorArn arn: String) throws {
        try auditLog.append(
            AuditRecord(
                time: now(), operatorArn: arn, environment: plan.environment, action: plan.action,
                target: plan.endpoint, plan: plan.lines, outcome: .refused, error: AuditAttempt.storable(reason),
                attempt: UUID().uuidString.lowercased(), pid: getpid(), host: AuditAttempt.hostName))
    }
}
