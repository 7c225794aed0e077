import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The append-only JSON Lines audit log (`$XDG_STATE_HOME/podium/audit.jsonl`), kept as a `SecureFile`: each
/// record is one locked `write` of one line, fsynced before `append` returns.
public struct AuditLog: Sendable {
    /// The file path.
    public let path: String

    /// Where records are also sent (the team's CloudWatch Logs group), if configured; the file stays the
    /// durable copy and the queue of what the sink has not yet acknowledged.
    public let sink: AuditSink?

    /// A log at an explicit path, optionally with a sink.
    public init(path: String, sink: AuditSink? = nil) {
        self.path = path
        self.sink = sink
    }

    /// The default location: `$XDG_STATE_HOME/podium/audit.jsonl`, else `~/.local/state/podium/audit.jsonl`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.local/state"
        return "\(state)/podium/audit.jsonl"
    }

    /// The directory of the lock files of this log: `<log>.locks`, so two logs never share locks.
    public var lockDirectory: String { path + ".locks" }

    /// Opens the log for writing, with the checks of `SecureFile`. A log that cannot be written is a refusal
    /// (exit 3): podium changes nothing it cannot record.
    public func open() throws -> SecureFile {
        do {
            return try SecureFile.open(path)
        } catch let failure as SecureFile.Failure {
            throw PodiumError(
                .refused, "the audit log cannot be written (\(failure.description)); nothing was changed",
                hint: "fix the file or its directory, or set XDG_STATE_HOME to a directory of yours")
        }
    }

    /// Appends one record (opening the log for it). Throws a refusal when the log cannot be written.
    public func append(_ record: AuditRecord) throws {
        try append(record, to: open())
    }

    /// Appends one record to an open log (a record without an id gets a fresh one), then tells the sink, if
    /// any, that there is something to send (it sends in the background: never on the action's path).
    public func append(_ record: AuditRecord, to file: SecureFile) throws {
        var line = try Self.encoder.encode(Self.stamped(record))
        line.append(UInt8(ascii: "\n"))
        do {
            try file.append(line)
        } catch let failure as SecureFile.Failure {
            throw PodiumError(.failed, "the audit log cannot be written: \(failure.description)")
        }
        sink?.recordWritten()
    }

    /// The record with an id (its own, or a fresh one).
    static func stamped(_ record: AuditRecord) -> AuditRecord {
        guard record.id == nil else { return record }
        var copy = record
        copy.id = AuditRecordID.make()
        return copy
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.string(date))
        }
        return encoder
    }

    /// Every record, oldest first. Lines that cannot be read (a torn last line after a kill or a full disk,
    /// a hand edit) are counted and skipped, never fatal.
    public func read() throws -> (records: [AuditRecord], unreadableLines: Int) {
        let data: Data?
        do {
            data = try SecureFile.read(path)
        } catch let failure as SecureFile.Failure {
            throw PodiumError(.failed, "the audit log cannot be read: \(failure.description)")
        }
        guard let data else { return ([], 0) }
        let lines = Self.parse(data[...], from: 0)
        return (lines.records.map(\.record), lines.unreadable)
    }

    /// The decoder of log lines (dates as ISO 8601, as `encoder` writes them).
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = ISO8601.date(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date"))
            }
            return date
        }
        return decoder
    }

    /// One readable line of the log: the record (with its id, `AuditRecordID.legacy` for an old line without
    /// one) and the byte offset just past the line's newline.
    struct Line {
        var record: AuditRecord
        var end: Int
    }

    /// Parses the lines of `data` (a slice of the log that starts at byte `from`). Only lines that end with a
    /// newline count when `completeOnly` (a line being written, or torn by a kill, is left for later).
    static func parse(_ data: Data.SubSequence, from base: Int, completeOnly: Bool = false) -> (
        records: [Line], unreadable: Int, end: Int
    ) {
        let decoder = Self.decoder
        var lines: [Line] = []
        var bad = 0
        var start = data.startIndex
        var end = base
        while start < data.endIndex {
            let newline = data[start...].firstIndex(of: UInt8(ascii: "\n"))
            if newline == nil && completeOnly { break }
            let stop = newline ?? data.endIndex
            let line = data[start..<stop]
            let next = newline.map { $0 + 1 } ?? data.endIndex
            let lineEnd = base + (next - data.startIndex)
            if !line.isEmpty {
                if var record = try? decoder.decode(AuditRecord.self, from: Data(line)) {
                    if record.id == nil { record.id = AuditRecordID.legacy(line) }
                    lines.append(Line(record: record, end: lineEnd))
                } else {
                    bad += 1
                }
            }
            end = lineEnd
            start = next
        }
        return (lines, bad, end)
    }

    // MARK: - Unfinished attempts

    /// The `started` records with no later record of the same attempt, oldest first.
    public static func unfinished(_ records: [AuditRecord]) -> [AuditRecord] {
        var open: [String: AuditRecord] = [:]
        var order: [String] = []
        for record in records {
            guard let attempt = record.attempt else { continue }
            if record.outcome == .started {
                if open[attempt] == nil { order.append(attempt) }
                open[attempt] = record
            } else {
                open[attempt] = nil
            }
        }
        return order.compactMap { open[$0] }
    }

    /// Whether the process that wrote a `started` record may still be running it (same host, pid alive).
    public static func mayStillRun(_ record: AuditRecord) -> Bool {
        guard let pid = record.pid, record.host == AuditAttempt.hostName else { return false }
        if pid == getpid() { return AuditAttempt.isInFlight(record.attempt) }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Marks every unfinished attempt whose process is gone with an `abandoned` record (same attempt id) and
    /// returns the attempts it marked, so the caller can report them. Runs under the log's lock, so two
    /// processes never mark the same attempt twice.
    public func markAbandoned(operatorArn: String, now: Date, file: SecureFile) throws -> [AuditRecord] {
        try file.withLock {
            let stale = Self.unfinished(try read().records).filter { !Self.mayStillRun($0) }
            guard !stale.isEmpty else { return [] }
            var lines = Data()
            for record in stale {
                let note = AuditRecord(
                    time: now, operatorArn: operatorArn, environment: record.environment, action: record.action,
                    target: record.target, plan: record.plan, outcome: .abandoned,
                    error:
                        "attempt \(record.attempt ?? "?") started at \(ISO8601.string(record.time)) by pid \(record.pid.map(String.init) ?? "?") never finished (the process was killed); marked by pid \(getpid())",
                    attempt: record.attempt, pid: getpid(), host: AuditAttempt.hostName,
                    endpointConfig: record.endpointConfig, command: record.command)
                lines.append(try Self.encoder.encode(Self.stamped(note)))
                lines.append(UInt8(ascii: "\n"))
            }
            // One write for all the marks; the lock is already held, so append without taking it again.
            try file.appendHoldingLock(lines)
            sink?.recordWritten()
            return stale
        }
    }
}
