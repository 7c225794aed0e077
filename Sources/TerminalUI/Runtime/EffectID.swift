/// Names a running effect so that it can be cancelled, or replaced by a newer effect with the same id.
public struct EffectID: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The identifier text.
    public let rawValue: String

    /// Creates an id.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Creates an id from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The identifier text.
    public var description: String { rawValue }
}
