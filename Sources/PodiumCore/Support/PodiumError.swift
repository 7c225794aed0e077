/// A domain failure with the exit code the CLI maps it to and a message that says what to do.
public struct PodiumError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// The operation failed (AWS error, deployment failed or rolled back). Exit 1.
        case failed
        /// Bad usage or config (unknown environment, endpoint, group or version). Exit 2.
        case usage
        /// Refused: gate not met, read-only, changed since seen, not confirmed, endpoint busy. Exit 3.
        case refused
    }

    /// The kind.
    public var kind: Kind
    /// What failed.
    public var message: String
    /// What to do about it, when there is something.
    public var hint: String?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    /// The CLI exit code: 1 failed, 2 usage, 3 refused.
    public var exitCode: Int32 {
        switch kind {
        case .failed: return 1
        case .usage: return 2
        case .refused: return 3
        }
    }

    /// `message. hint`
    public var description: String {
        guard let hint else { return message }
        return "\(message)\n  → \(hint)"
    }
}
