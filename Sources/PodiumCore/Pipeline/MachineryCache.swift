import Foundation

/// What the machinery keeps between refreshes: each stack's events (read again only when the stack changed), each
/// Lambda's log cursor and last lines, and the failing job of each failed run (a finished run never changes).
actor MachineryCache {
    struct Events {
        var lastUpdated: Date?
        var status: String?
        var events: [StackEventLine]
    }

    private var events: [String: Events] = [:]
    private var tailers: [String: LogTailer] = [:]
    private var lines: [String: [LogLine]] = [:]
    private var failingJobs: [Int: String] = [:]

    func events(_ key: String, lastUpdated: Date?, status: String?) -> [StackEventLine]? {
        guard let entry = events[key], entry.lastUpdated == lastUpdated, entry.status == status else { return nil }
        return entry.events
    }

    func setEvents(_ key: String, _ entry: Events) { events[key] = entry }

    func tailer(_ key: String, make: () -> LogTailer) -> LogTailer {
        if let tailer = tailers[key] { return tailer }
        let tailer = make()
        tailers[key] = tailer
        return tailer
    }

    /// Appends new lines to a function's last lines, keeping at most `limit`.
    func append(_ key: String, _ new: [LogLine], limit: Int) -> [LogLine] {
        let all = (lines[key] ?? []) + new
        let kept = Array(all.suffix(limit))
        lines[key] = kept
        return kept
    }

    func failingJob(_ run: Int) -> String? { failingJobs[run] }
    func setFailingJob(_ run: Int, _ name: String) { failingJobs[run] = name }
}
