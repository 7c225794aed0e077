/// A problem in a key override from the config.
public struct KeyMapError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The action named in the config.
    public let action: String
    /// What is wrong.
    public let message: String

    /// Creates an error.
    public init(action: String, message: String) {
        self.action = action
        self.message = message
    }

    /// `keys.approve: unknown action (did you mean "pending.approve"?)`.
    public var description: String { "keys.\(action): \(message)" }
}
