import Foundation

/// The session's log tailers, one per endpoint followed, so each poll asks CloudWatch Logs only for what came
/// after the last one (the tailer's cursor). Bounded by the endpoints configured.
final class EndpointLogTails: Sendable {
    private let tailers = LockedValue<[String: LogTailer]>([:])

    /// The tailer of `key`: a new one from `since` when `restart` or none is kept yet.
    func tailer(_ key: String, restart: Bool, make: () -> LogTailer) -> LogTailer {
        tailers.withLock { kept in
            if !restart, let tailer = kept[key] { return tailer }
            let made = make()
            kept[key] = made
            return made
        }
    }
}
