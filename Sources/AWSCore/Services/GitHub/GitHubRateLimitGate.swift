import Foundation

/// Remembers, across calls and clients that share it, until when GitHub asked to be left alone. GitHub warns that
/// "continuing to make requests while you are rate limited may result in the banning of your integration", so a
/// client holding a closed gate waits for it (when the wait is within its bound) or fails without sending.
///
/// Keep one per token and API (the pipeline screen's reader keeps one for its lifetime).
public actor GitHubRateLimitGate {
    /// Why the gate is closed and until when.
    public struct Closure: Sendable, Equatable {
        /// When requests may be sent again.
        public var until: Date
        /// The limit that closed it.
        public var kind: GitHubRateLimit.Kind
    }

    /// The current closure, if any (it may lie in the past: then the gate is open).
    public private(set) var closure: Closure?

    /// Creates an open gate.
    public init() {}

    /// The closure still in force at `now`, if any.
    public func closed(at now: Date) -> Closure? {
        guard let closure, closure.until > now else { return nil }
        return closure
    }

    /// Closes the gate until `until` (a later closure wins over an earlier one).
    public func close(until: Date, kind: GitHubRateLimit.Kind) {
        if let closure, closure.until >= until { return }
        closure = Closure(until: until, kind: kind)
    }
}
