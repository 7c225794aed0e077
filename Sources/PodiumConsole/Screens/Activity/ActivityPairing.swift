import Foundation
import PodiumCore

/// One activity row per action: an action writes a `started` record, then its outcome, both with the same attempt
/// id. The outcome wins; a `started` with no outcome is `in progress` while it may still be running, and
/// `no outcome recorded (crashed?)` once it is older than any run of its kind can last (then it needs attention).
enum ActivityPairing {
    /// How long after its `started` record an action without an outcome may still be running: an approval takes
    /// seconds; a deployment is followed for up to three hours (podium's deployment timeout) before podium stops
    /// waiting and records the outcome.
    static func runningLimit(_ action: DeploymentAction) -> TimeInterval {
        switch action {
        case .approve, .reject, .cancel: return 10 * 60
        case .promote, .rollback, .traffic: return 3 * 3600 + 10 * 60
        }
    }

    /// The rows of `records` (in the order given, newest first on screen): each attempt once, at the place of its
    /// first record, showing its outcome; records of old logs without an attempt id stand alone.
    static func rows(_ records: [AuditRecord], now: Date) -> [ActivityRow] {
        var outcomes: [String: AuditRecord] = [:]
        for record in records where record.outcome.isFinal {
            guard let attempt = record.attempt else { continue }
            // Only one outcome is ever written per attempt; should two be seen, the later one wins.
            if let seen = outcomes[attempt], seen.time > record.time { continue }
            outcomes[attempt] = record
        }
        var shown = Set<String>()
        var rows: [ActivityRow] = []
        for record in records {
            if let attempt = record.attempt {
                guard shown.insert(attempt).inserted else { continue }
                rows.append(row(outcomes[attempt] ?? record, now: now))
            } else {
                rows.append(row(record, now: now))
            }
        }
        return rows
    }

    /// One record's row: its outcome, or, for a `started` one, whether it may still be running.
    static func row(_ record: AuditRecord, now: Date) -> ActivityRow {
        // An unknown outcome's text starts "outcome unknown: …" already.
        let detail =
            record.outcome == .unknown
            ? (record.error ?? "outcome unknown")
            : record.outcome.rawValue + (record.error.map { ": " + $0 } ?? "")
        var row = ActivityRow(
            time: record.time, actor: ConsoleFormat.shortActor(record.operatorArn), place: record.environment,
            what: record.action.rawValue, target: ConsoleState.activityTarget(record), detail: detail,
            isProblem: record.outcome != .success)
        if record.outcome == .started {
            let running = now.timeIntervalSince(record.time) <= runningLimit(record.action)
            row.detail = running ? "in progress" : "no outcome recorded (crashed?)"
            row.isProblem = !running
            row.inProgress = running
        }
        return row
    }
}
