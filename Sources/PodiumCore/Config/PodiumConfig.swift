/// A validated podium configuration: the promotion path and everything front ends need.
public struct PodiumConfig: Sendable, Equatable, Codable {
    /// The file it was read from (empty when built in code).
    public var sourcePath: String
    /// Refresh intervals.
    public var refresh: RefreshIntervals
    /// How far back sparklines and rates look.
    public var metricsWindow: Duration
    /// Where the Model Registry lives (already defaulted from the first environment).
    public var registry: RegistryConfig
    /// The environments, in promotion order.
    public var environments: [EnvironmentConfig]
    /// Console key-map overrides: action name → key strings (validated by the console).
    public var keys: [String: [String]]
    /// The console theme name (validated by the console).
    public var theme: String?
    /// `true` when everything, registry included, is read-only (`--read-only`, watch mode).
    public var readOnly: Bool = false
    /// Request limits towards AWS (`aws:`): in-flight bound per account and region, adaptive rate limiting.
    public var aws = AWSRequestSettings()
    /// Whether the console and the watch screen take the mouse (`mouse: true`): clicks on tabs and rows, the
    /// wheel. Off by default: reporting takes the terminal's own selection away.
    public var mouse = false
    /// The shared audit trail (`audit: { cloudwatch_logs: … }`), if configured.
    public var audit: AuditSinkConfig?

    /// Creates a config.
    public init(
        sourcePath: String = "", refresh: RefreshIntervals = RefreshIntervals(),
        metricsWindow: Duration = .seconds(3600),
        registry: RegistryConfig, environments: [EnvironmentConfig], keys: [String: [String]] = [:],
        theme: String? = nil
    ) {
        self.sourcePath = sourcePath
        self.refresh = refresh
        self.metricsWindow = metricsWindow
        self.registry = registry
        self.environments = environments
        self.keys = keys
        self.theme = theme
    }

    /// The environment with this name.
    public func environment(named name: String) -> EnvironmentConfig? {
        environments.first { $0.name == name }
    }

    /// Environments that run this model package group, with the endpoint that serves it.
    public func endpoints(forGroup group: String) -> [(environment: EnvironmentConfig, endpoint: EndpointSpec)] {
        environments.flatMap { env in
            env.endpoints.filter { $0.modelPackageGroup == group }.map { (env, $0) }
        }
    }

    /// Every model package group named by some endpoint, in config order, without duplicates.
    public var configuredGroups: [String] {
        var seen = Set<String>()
        return environments.flatMap(\.endpoints).map(\.modelPackageGroup).filter { seen.insert($0).inserted }
    }

    /// A copy with every environment marked read-only (`--read-only`, watch mode).
    public func forcingReadOnly() -> PodiumConfig {
        var copy = self
        for index in copy.environments.indices { copy.environments[index].readOnly = true }
        copy.readOnly = true
        return copy
    }
}
