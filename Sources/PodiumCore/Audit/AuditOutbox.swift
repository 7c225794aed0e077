import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The on-disk queue of the CloudWatch Logs sink. The local audit log is already a durable, fsynced,
/// append-only file of 0600, so the queue is the log itself plus a cursor: the byte offset (and id) of the last
/// record CloudWatch Logs acknowledged. Every complete line after the cursor is pending. This keeps the queue
/// bounded (a few bytes on top of the log), loses nothing (a record is queued the moment it is on disk, with no
/// second copy that a crash could miss) and survives crashes: the cursor is replaced atomically (a private
/// temporary file, fsynced, renamed) only after `PutLogEvents` succeeded, so a crash between the two re-sends
/// that batch, which the team reader then shows once (records are de-duplicated by id).
///
/// Files, next to the log: `<log>.outbox/<group>_<stream>.cursor` (JSON) and `.lock` (an `flock` held while a
/// process sends, so two podium processes never send the same records at the same time).
public struct AuditOutbox: Sendable {
    /// The audit log whose records are queued.
    public let logPath: String
    /// The cursor file.
    public let cursorPath: String
    /// The lock file.
    public let lockPath: String

    /// Where sending stands: everything up to `offset` (the end of the record with `lastId`) is acknowledged.
    struct Cursor: Codable, Equatable {
        var offset: Int
        var lastId: String?

        enum CodingKeys: String, CodingKey {
            case offset
            case lastId = "last_id"
        }
    }

    /// The queue of the log at `logPath` for one group and stream.
    public init(logPath: String, group: String, stream: String) {
        self.logPath = logPath
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        let name = String("\(group)_\(stream)".map { allowed.contains($0) ? $0 : "_" }.prefix(200))
        let directory = logPath + ".outbox"
        self.cursorPath = "\(directory)/\(name).cursor"
        self.lockPath = "\(directory)/\(name).lock"
    }

    /// Creates the cursor at the end of the log if there is none yet: a newly configured sink sends the records
    /// written from then on, not the operator's whole history. Idempotent; run under the lock.
    func prepare() throws {
        guard try loadCursor() == nil else { return }
        let data = try SecureFile.read(logPath) ?? Data()
        let parsed = AuditLog.parse(data[...], from: 0, completeOnly: true)
        try store(Cursor(offset: parsed.end, lastId: parsed.records.last?.record.id))
    }

    /// The records after the cursor (complete lines only), oldest first, and how many lines there could not be
    /// read. A cursor that no longer fits the log (the log was replaced or cut) is found again by the id of the
    /// last acknowledged record; if that record is gone, the whole log is pending (the reader de-duplicates).
    func pending() throws -> (lines: [AuditLog.Line], unreadable: Int) {
        let data = try SecureFile.read(logPath) ?? Data()
        let cursor = try loadCursor() ?? Cursor(offset: 0, lastId: nil)
        var start = 0
        if fits(cursor, data) {
            start = cursor.offset
        } else if let lastId = cursor.lastId {
            let all = AuditLog.parse(data[...], from: 0, completeOnly: true)
            start = all.records.first { $0.record.id == lastId }?.end ?? 0
        }
        let parsed = AuditLog.parse(data[start...], from: start, completeOnly: true)
        return (parsed.records, parsed.unreadable)
    }

    /// Whether `cursor` still points just past a line of `data` (and, when it names one, past that record).
    private func fits(_ cursor: Cursor, _ data: Data) -> Bool {
        guard cursor.offset >= 0, cursor.offset <= data.count else { return false }
        guard cursor.offset > 0 else { return cursor.lastId == nil }
        guard data[data.startIndex + cursor.offset - 1] == UInt8(ascii: "\n") else { return false }
        guard let lastId = cursor.lastId else { return true }
        // The line that ends at the cursor must be the acknowledged record.
        let before = data[data.startIndex..<(data.startIndex + cursor.offset - 1)]
        let lineStart = (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? data.startIndex
        let parsed = AuditLog.parse(data[lineStart..<(data.startIndex + cursor.offset)], from: lineStart)
        return parsed.records.last?.record.id == lastId
    }

    /// Marks everything up to and including `line` as acknowledged.
    func acknowledge(through line: AuditLog.Line) throws {
        try store(Cursor(offset: line.end, lastId: line.record.id))
    }

    func loadCursor() throws -> Cursor? {
        guard let data = try SecureFile.read(cursorPath) else { return nil }
        // A cursor that cannot be read is treated as absent at offset 0: re-sending is safe, skipping is not.
        return (try? JSONDecoder().decode(Cursor.self, from: data)) ?? Cursor(offset: 0, lastId: nil)
    }

    private func store(_ cursor: Cursor) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try SecureFile.writeAtomically(try encoder.encode(cursor), to: cursorPath)
    }

    /// Takes the outbox's lock, polling until `deadline`; `nil` when another process kept it that long.
    func lock(until deadline: ContinuousClock.Instant) async throws -> SecureFile? {
        let file = try SecureFile.open(lockPath, readable: true)
        while !file.tryLock() {
            if ContinuousClock.now >= deadline { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
        return file
    }
}
