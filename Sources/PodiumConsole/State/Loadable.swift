import Foundation

/// One data source as the console sees it: the last good value, when it was fetched, and the last error.
///
/// A failed refresh keeps the previous value (shown as stale once it is old), so a panel never goes blank
/// because the network did.
public struct Loadable<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The last successfully fetched value.
    public var value: Value?
    /// When the last successful fetch finished.
    public var lastSuccess: Date?
    /// When the last fetch started.
    public var lastAttempt: Date?
    /// Whether a fetch is running.
    public var inFlight = false
    /// The last error, if it is newer than the last success.
    public var error: String?
    /// When the last error happened.
    public var errorAt: Date?
    /// Whether the last error was AWS not being reachable at all (not an error answer or an unreadable one).
    public var errorIsUnreachable = false
    /// When the request that fetched `value` started: a result of an older request never replaces it.
    public var valueRequestedAt: Date?
    /// How far the running fetch has got (`groups 23/40`), while it runs.
    public var progress: String?

    /// An empty source (never loaded).
    public init() {}

    /// Marks a fetch as started.
    public mutating func begin(at date: Date) {
        inFlight = true
        lastAttempt = date
    }

    /// Records a successful fetch that finished at `date` and was requested at `requested` (default: `date`).
    ///
    /// Returns false, changing nothing, when the value shown came from a newer request: results can arrive
    /// out of order (a slow fetch outlives a forced one), and an older answer must never replace a newer one.
    @discardableResult
    public mutating func succeed(_ newValue: Value, at date: Date, requested: Date? = nil) -> Bool {
        let requested = requested ?? date
        guard isCurrent(requested) else { return false }
        if !isOlderThanLatestAttempt(requested) {
            inFlight = false
            progress = nil
        }
        value = newValue
        lastSuccess = date
        valueRequestedAt = requested
        if let errorRequested = errorRequestedAt, errorRequested > requested {
            return true  // a newer request failed: keep showing that
        }
        error = nil
        errorAt = nil
        errorRequestedAt = nil
        errorIsUnreachable = false
        return true
    }

    /// Stores a fetch's result: a value replaces the one shown, an error is kept beside it. Returns what it did:
    /// `.ignored` when a newer request's result is already shown (results can arrive out of order).
    @discardableResult
    public mutating func apply(_ result: Result<Value, ConsoleError>, at date: Date, requested: Date? = nil)
        -> Landing
    {
        switch result {
        case .success(let newValue):
            return succeed(newValue, at: date, requested: requested) ? .stored : .ignored
        case .failure(let error):
            let kept = fail(error.message, at: date, requested: requested, unreachable: error.isUnreachable)
            return kept ? .failed(error.message) : .ignored
        }
    }

    /// Records the progress of the fetch requested at `requested` (ignored for an older fetch or a finished one).
    public mutating func report(progress text: String, requested: Date) {
        guard inFlight, lastAttempt == requested else { return }
        progress = text
    }

    /// Records a failed fetch (the value is kept). Returns false, changing nothing, when a newer request
    /// already succeeded.
    @discardableResult
    public mutating func fail(_ message: String, at date: Date, requested: Date? = nil, unreachable: Bool = false)
        -> Bool
    {
        let requested = requested ?? date
        guard isCurrent(requested) else { return false }
        if !isOlderThanLatestAttempt(requested) {
            inFlight = false
            progress = nil
        }
        error = message
        errorAt = date
        errorRequestedAt = requested
        errorIsUnreachable = unreachable
        return true
    }

    /// When the request behind `error` started.
    public var errorRequestedAt: Date?

    /// Whether a result requested at `requested` is at least as new as the value shown.
    func isCurrent(_ requested: Date) -> Bool {
        guard let valueRequestedAt else { return true }
        return requested >= valueRequestedAt
    }

    /// Whether a newer fetch has started since `requested` (its result, not this one, ends `inFlight`).
    func isOlderThanLatestAttempt(_ requested: Date) -> Bool {
        guard let lastAttempt else { return false }
        return requested < lastAttempt
    }

    /// Whether the latest attempt failed.
    public var isFailing: Bool { error != nil }

    /// The panel state at `now` for a source refreshed every `interval`.
    public func status(now: Date, interval: Duration) -> PanelStatus {
        let limit = 3 * interval.timeInterval
        let isStale = lastSuccess.map { now.timeIntervalSince($0) > limit } ?? false
        if let error, let errorAt {
            return .error(message: error, at: errorAt, staleSince: isStale ? lastSuccess : nil)
        }
        guard let lastSuccess, value != nil else { return .loading }
        return isStale ? .stale(since: lastSuccess) : .fresh(at: lastSuccess)
    }

    /// Whether a fetch should start at `now` (nothing running, or the running one is overdue).
    ///
    /// `tolerance` lets a check that runs slightly before the exact due time count as due: fetches start on
    /// the console's tick, and a tick that lands a few milliseconds early must not push the refresh to the
    /// next tick (pass half the tick interval).
    public func isDue(now: Date, interval: Duration, timeout: Duration, tolerance: Duration = .zero) -> Bool {
        guard let lastAttempt else { return true }
        let elapsed = now.timeIntervalSince(lastAttempt) + max(tolerance.timeInterval, 0)
        if inFlight { return elapsed >= timeout.timeInterval + interval.timeInterval }
        return elapsed >= interval.timeInterval
    }
}

/// What a fetch's result did to its `Loadable`.
public enum Landing: Sendable, Equatable {
    /// The value is shown now.
    case stored
    /// The error is recorded (the last good value stays).
    case failed(String)
    /// Nothing changed: the value shown came from a newer request.
    case ignored
}

/// What a panel shows about its data: loading, fresh, stale or error (with ages).
public enum PanelStatus: Sendable, Equatable {
    /// Nothing fetched yet.
    case loading
    /// Fetched at the date, within 3× the refresh interval.
    case fresh(at: Date)
    /// The last good data is older than 3× the refresh interval.
    case stale(since: Date)
    /// The last attempt failed at `at`; `staleSince` is set when the data shown is also stale.
    case error(message: String, at: Date, staleSince: Date?)

    /// Whether the panel shows a STALE badge.
    public var staleSince: Date? {
        switch self {
        case .stale(let since): return since
        case .error(_, _, let since): return since
        default: return nil
        }
    }
}
