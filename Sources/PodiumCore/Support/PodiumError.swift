import AWSCore

/// A domain failure: its kind (what a front end decides on: the CLI's exit code, the audit outcome) and a message
/// that says what to do. Exit codes are the `podium` target's business; PodiumCore only says what kind it is.
public struct PodiumError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure it is.
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        /// The operation failed (AWS error, deployment failed or rolled back, audit log unwritable).
        case failed
        /// Bad usage or config (unknown environment or endpoint, a missing comment, an invalid config).
        case usage
        /// What was named does not exist (a model package group or version).
        case notFound
        /// Refused, nothing changed: gate not met, read-only, changed since seen, not confirmed, endpoint busy.
        case refused
        /// Stopped before it finished: the task was cancelled (an interrupt, a newer request).
        case interrupted
        /// A write got no answer and a re-read did not show it: it may have landed or may still land (audited
        /// `unknown`). Neither a failure nor a success; the CLI exits 1, as for a failure, so a script stops.
        case outcomeUnknown
    }

    /// The kind.
    public var kind: Kind
    /// What failed.
    public var message: String
    /// What to do about it, when there is something.
    public var hint: String?
    /// The IAM Identity Center sign-in that fixes it, when an expired or missing SSO session is the cause (its kind
    /// is `failed`): the console offers the sign-in, the CLI names `podium login`.
    public var signInRequired: SSOSignInRequired?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, hint: String? = nil, signInRequired: SSOSignInRequired? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.signInRequired = signInRequired
    }

    /// `message`, then `→ hint` on its own line.
    public var description: String {
        guard let hint else { return message }
        return "\(message)\n  → \(hint)"
    }
}
