/// How the next `UpdateEndpoint` of an endpoint fails; `.failed` and `"failed"` both work.
public struct EmulatorUpdateFailure: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
    /// The wire name sent to the control API.
    public let rawValue: String

    /// Wraps a wire name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps a wire name given as a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The endpoint ends in `Failed` with the reason.
    public static let failed: EmulatorUpdateFailure = "failed"
    /// The endpoint goes `RollingBack`, then `InService` on the old config, with the reason.
    public static let rollback: EmulatorUpdateFailure = "rollback"
}
