import Foundation

/// The real clock: `Date()` for wall time, the monotonic continuous clock for sleeping.
public struct SystemRuntimeClock: RuntimeClock {
    /// Creates the system clock.
    public init() {}

    /// The current wall-clock time.
    public func now() -> Date { Date() }

    /// Sleeps on the continuous (monotonic) clock, so wall-clock jumps do not stretch timers.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration, clock: .continuous)
    }
}
