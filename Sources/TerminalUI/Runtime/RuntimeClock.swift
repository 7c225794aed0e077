import Foundation

/// The time source of the runtime: wall time for what is shown, and sleeping for timers.
///
/// Injected so that tests drive ticks with `ManualRuntimeClock` instead of sleeping.
public protocol RuntimeClock: Sendable {
    /// The current wall-clock time.
    func now() -> Date
    /// Suspends for `duration`; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

extension Duration {
    /// This duration in seconds, as a `TimeInterval`.
    public var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
