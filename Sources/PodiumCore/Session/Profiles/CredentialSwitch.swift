/// A change of one environment's credentials while the session runs (the console's `:profile`).
public enum CredentialSwitch: Sendable, Equatable {
    /// Nothing changes: the current credentials of every environment and the known profile names.
    case list
    /// The environment's clients use this named profile of the shared config/credentials files instead.
    case profile(environment: String, name: String)
    /// The environment's clients go back to its config's `credentials:`.
    case reset(environment: String)
}

/// One environment's credentials as the session uses them now.
public struct EnvironmentCredentials: Sendable, Equatable {
    /// The environment.
    public var environment: String
    /// The credentials setting its clients use now.
    public var credentials: CredentialsConfig
    /// Its config's `credentials:`.
    public var configured: CredentialsConfig
    /// Who the switched credentials are (read when switching); nil when not switched.
    public var identity: CallerIdentity?

    /// Creates an entry.
    public init(
        environment: String, credentials: CredentialsConfig, configured: CredentialsConfig,
        identity: CallerIdentity? = nil
    ) {
        self.environment = environment
        self.credentials = credentials
        self.configured = configured
        self.identity = identity
    }

    /// Whether the environment uses other credentials than its config's.
    public var isSwitched: Bool { credentials != configured }
}

/// What a `CredentialSwitch` did: every environment's credentials after it, the profile names the shared files
/// define (for completion), and for a switch, the environment it changed.
public struct CredentialSwitchOutcome: Sendable, Equatable {
    /// Every environment, in config order.
    public var environments: [EnvironmentCredentials]
    /// The profiles of the shared config and credentials files, sorted (empty when they cannot be listed).
    public var profileNames: [String]
    /// The environment switched or reset (nil for `.list`).
    public var changed: EnvironmentCredentials?
    /// What the operator should know about the switch that is not a failure (an account that could not be checked).
    public var notes: [String]

    /// Creates an outcome.
    public init(
        environments: [EnvironmentCredentials], profileNames: [String], changed: EnvironmentCredentials? = nil,
        notes: [String] = []
    ) {
        self.environments = environments
        self.profileNames = profileNames
        self.changed = changed
        self.notes = notes
    }
}
