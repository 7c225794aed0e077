/// How a mutating action in an environment must be confirmed.
public enum ConfirmMode: String, Sendable, Equatable, Codable, CaseIterable {
    /// A y/n question.
    case yes
    /// The operator types the endpoint name (non-interactively: `--confirm <endpoint name>`).
    case typed
}
