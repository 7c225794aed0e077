import PodiumCore

/// What the console knows of `:profile`: the environments whose credentials were switched, the profile names
/// offered by completion, and the switch under way (one at a time).
public struct ProfileSwitches: Sendable, Equatable {
    /// The switched environments' credentials (and who they are), by environment name.
    public var switched: [String: EnvironmentCredentials] = [:]
    /// The profiles the shared AWS files define (completion), read once at start and after each switch.
    public var profileNames: [String] = []
    /// Whether the names were asked for already.
    public var namesRequested = false
    /// The switch or reset running now.
    public var pending: CredentialSwitch?

    /// Creates an empty state (nothing switched).
    public init() {}

    /// Takes in what the session says now.
    mutating func apply(_ outcome: CredentialSwitchOutcome) {
        switched = [:]
        for entry in outcome.environments where entry.isSwitched { switched[entry.environment] = entry }
        profileNames = outcome.profileNames
    }

    /// The credentials of one environment as the header and the listing show them.
    func summary(of env: EnvironmentConfig) -> String {
        guard let entry = switched[env.name] else { return env.credentials.summary }
        return entry.credentials.summary + " (switched)"
    }
}
