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

    /// A log at an explicit path.
    public init(path: String) {
        self.path = path
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

    /// Appends one record to an open log.
    public func append(_ record: AuditRecord, to file: SecureFile) throws {
        var line = try Self.encoder.encode(record)
        line.append(UInt8(ascii: "\n"))
        do {
            try file.append(line)
        } catch let failure as SecureFile.Failure {
            throw PodiumError(.failed, "the audit log cannot be written: \(failure.description)")
        }
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
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = ISO8601.date(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date"))
            }
            return date
        }
        var records: [AuditRecord] = []
        var bad = 0
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            if let record = try? decoder.decode(AuditRecord.self, from: Data(line)) {
                records.append(record)
            } else {
                bad += 1
            }
        }
        return (records, bad)
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
                    endpointConfig: record.endpointConfig)
                lines.append(try Self.encoder.encode(note))
                lines.append(UInt8(ascii: "\n"))
            }
            // One write for all the marks; the lock is already held, so append without taking it again.
            try file.appendHoldingLock(lines)
            return stale
        }
    }
}
