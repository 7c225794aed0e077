import AWSCore
import Foundation

/// What every service of one session shares: the config, the clients, the clock, the caches and the test hooks.
/// Built once by `PodiumSession`; the services hold it and never copy its state.
final class SessionContext: Sendable {
    /// The validated config (with `--read-only` already applied).
    let config: PodiumConfig
    /// The audit log.
    let auditLog: AuditLog
    /// The registry's client.
    let registryClient: AWSClient
    /// One client per environment, swappable (`:profile`): read it through `client(for:)`.
    let clientTable: EnvironmentClientTable
    /// One client per environment, by name, as they are now.
    var environmentClients: [String: AWSClient] { clientTable.clients }
    /// The clock.
    let now: @Sendable () -> Date
    /// Waits between polls (injected so tests control time).
    let sleep: @Sendable (Duration) async throws -> Void
    /// How long to wait between DescribeEndpoint polls while a deployment runs.
    let pollInterval: Duration
    /// How long a deployment may take before podium stops waiting (the deployment itself carries on).
    let deploymentTimeout: Duration
    /// Called after each mutating AWS call succeeds, with the operation name (test hook for crash tests).
    let afterCall: (@Sendable (String) -> Void)?
    /// Called right before the first AWS write of a change, after every check (test hook for race tests).
    let beforeWrite: (@Sendable (DeploymentAction) async -> Void)?
    /// Receives what the operator should know that is not the result (an earlier attempt that never finished).
    let notice: @Sendable (String) -> Void
    /// Caller identities and the immutable parts of deployments.
    let cache = SessionCache()
    /// DescribeModelPackage results by ARN and status (see `RegistryReader`).
    let describeCache = DescribeCache()
    /// The IAM actions refused during reads that degrade instead of failing.
    let accessDenials = AccessDenials()
    /// Trigger Lambdas whose metrics ride in their environment's health call (see `LambdaMetricsBoard`).
    let lambdaMetrics = LambdaMetricsBoard()

    init(
        config: PodiumConfig, auditLog: AuditLog, registryClient: AWSClient, environmentClients: [String: AWSClient],
        now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void,
        pollInterval: Duration, deploymentTimeout: Duration, afterCall: (@Sendable (String) -> Void)?,
        beforeWrite: (@Sendable (DeploymentAction) async -> Void)?, notice: @escaping @Sendable (String) -> Void
    ) {
        self.config = config
        self.auditLog = auditLog
        self.registryClient = registryClient
        var configured: [String: CredentialsConfig] = [:]
        for env in config.environments { configured[env.name] = env.credentials }
        self.clientTable = EnvironmentClientTable(clients: environmentClients, credentials: configured)
        self.now = now
        self.sleep = sleep
        self.pollInterval = pollInterval
        self.deploymentTimeout = deploymentTimeout
        self.afterCall = afterCall
        self.beforeWrite = beforeWrite
        self.notice = notice
    }

    // MARK: - Lookup

    /// The environment with this name, or a usage error listing the known ones.
    func environment(_ name: String) throws -> EnvironmentConfig {
        if let env = config.environment(named: name) { return env }
        let names = config.environments.map(\.name)
        let hint = EditDistance.suggestion(for: name, among: names).map { "did you mean \"\($0)\"?" }
        throw PodiumError(
            .usage, "unknown environment \"\(name)\"",
            hint: hint ?? "configured environments: \(names.joined(separator: ", "))")
    }

    /// The client of an environment.
    func client(for environment: String) throws -> AWSClient {
        let env = try self.environment(environment)
        return clientTable.client(env.name)!
    }

    /// Whether mutations are refused in an environment (`read_only: true` or `--read-only`).
    func isReadOnly(_ environment: String) -> Bool {
        readOnlyReason(environment) != nil
    }

    /// Why mutations are refused in an environment, or `nil` when they are allowed.
    func readOnlyReason(_ environment: String) -> String? {
        if config.readOnly { return "this session is read-only (--read-only)" }
        guard let env = config.environment(named: environment) else { return "environment \(environment) is unknown" }
        return env.readOnly ? "environment \(environment) is read-only (read_only: true)" : nil
    }

    /// The configured endpoint of an environment with this name, or a usage error listing the configured ones.
    func endpoint(named name: String, in env: EnvironmentConfig) throws -> EndpointSpec {
        guard let spec = env.endpoint(named: name) else {
            throw PodiumError(
                .usage, "environment \(env.name) has no endpoint \"\(name)\" in the config",
                hint: "configured endpoints: \(env.endpoints.map(\.name).joined(separator: ", "))")
        }
        return spec
    }

    /// The endpoint a promotion of `group` targets: the one named, else the only one serving the group.
    func endpointSpec(env: EnvironmentConfig, group: String, endpoint: String?) throws -> EndpointSpec {
        if let endpoint { return try self.endpoint(named: endpoint, in: env) }
        let matching = env.endpoints.filter { $0.modelPackageGroup == group }
        if matching.count == 1 { return matching[0] }
        if matching.isEmpty {
            throw PodiumError(
                .usage, "environment \(env.name) has no endpoint for model package group \(group)",
                hint: "add one under environments → \(env.name) → endpoints in the config")
        }
        throw PodiumError(
            .usage, "several endpoints in \(env.name) serve \(group): \(matching.map(\.name).joined(separator: ", "))",
            hint: "name the endpoint")
    }

    // MARK: - Identity

    /// The caller identity behind a client (cached for the session under `key`).
    ///
    /// An environment's key (`env:NAME`) is cached per credentials: under the generation of the environment's
    /// current client (`:profile` starts a new one). A call still running on a replaced client asks STS itself, so
    /// it neither reads the new credentials' identity nor leaves its own in the cache: its audit record names who
    /// really acted, and later records name the new caller.
    func identity(client: AWSClient, key: String) async throws -> CallerIdentity {
        let cacheKey = identityCacheKey(client: client, key: key)
        if let cacheKey, let cached = await cache.identity(cacheKey) { return cached }
        let response = try await client.sts.getCallerIdentity()
        let identity = CallerIdentity(
            arn: response.arn ?? "unknown", account: response.account ?? "unknown", userId: response.userId)
        if let cacheKey { await cache.setIdentity(cacheKey, identity) }
        return identity
    }

    /// Where the identity behind `client` is cached: `key` itself for fixed clients (the registry's), the key and
    /// the generation for an environment's current client, nil (not cached) for a replaced one.
    func identityCacheKey(client: AWSClient, key: String) -> String? {
        guard key.hasPrefix("env:") else { return key }
        let name = String(key.dropFirst("env:".count))
        guard let generation = clientTable.generation(name, ifCurrent: client) else { return nil }
        return "\(key)#\(generation)"
    }

    /// The operator ARN for audit records: the identity, or a plain `unknown` if it cannot be found (the reason
    /// can carry a credential helper's output, which the audit log must never keep).
    func operatorArn(client: AWSClient, key: String) async -> String {
        (try? await identity(client: client, key: key).arn) ?? "unknown"
    }

}
