/// A kind of fault the emulator can inject; `.throttle` and `"throttle"` both work.
public struct EmulatorFaultKind: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
    /// The wire name sent to the control API.
    public let rawValue: String

    /// Wraps a wire name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps a wire name given as a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// 400 with the protocol's throttling error (S3: 503 SlowDown).
    public static let throttle: EmulatorFaultKind = "throttle"
    /// 500 InternalFailure.
    public static let http500: EmulatorFaultKind = "http500"
    /// 503 ServiceUnavailable.
    public static let http503: EmulatorFaultKind = "http503"
    /// Waits `delayMs` before answering normally.
    public static let delay: EmulatorFaultKind = "delay"
    /// Closes the connection with a TCP reset before answering.
    public static let reset: EmulatorFaultKind = "reset"
    /// Sends the real headers and half of the body, then closes.
    public static let truncate: EmulatorFaultKind = "truncate"
    /// 200 with a body that is neither JSON nor XML.
    public static let garbage: EmulatorFaultKind = "garbage"
    /// The protocol's expired-session-token error (`ExpiredTokenException`, STS `ExpiredToken`).
    public static let expiredToken: EmulatorFaultKind = "expired_token"
    /// The emulator's clock runs `skewSeconds` off: badly-timed signatures are refused, `Date` shows its time.
    public static let skew: EmulatorFaultKind = "skew"
}
