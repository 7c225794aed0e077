import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The append-only JSON Lines audit log (`$XDG_STATE_HOME/podium/audit.jsonl`). Each append is locked,
/// written in one `write`, and fsynced before it returns.
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

    /// Appends one record and fsyncs the file. Throws `PodiumError` (.failed) when the log cannot be written.
    public func append(_ record: AuditRecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.string(date))
        }
        var line = try encoder.encode(record)
        line.append(UInt8(ascii: "\n"))

        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw PodiumError(
                .failed, "cannot create the audit log directory \(directory): \(error.localizedDescription)",
                hint: "set XDG_STATE_HOME to a writable directory")
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else {
            throw PodiumError(
                .failed, "cannot open the audit log \(path): \(String(cString: strerror(errno)))",
                hint: "check the file's permissions or set XDG_STATE_HOME")
        }
        defer { close(fd) }
        _ = flock(fd, LOCK_EX)
        defer { _ = flock(fd, LOCK_UN) }
        let written = line.withUnsafeBytes { buffer -> Int in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return -1
                }
                offset += n
            }
            return offset
        }
        guard written == line.count, fsync(fd) == 0 else {
            throw PodiumError(.failed, "cannot write the audit log \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Every record, oldest first; lines that cannot be read are counted, not fatal.
    public func read() throws -> (records: [AuditRecord], unreadableLines: Int) {
        guard FileManager.default.fileExists(atPath: path) else { return ([], 0) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PodiumError(.failed, "cannot read the audit log \(path): \(error.localizedDescription)")
        }
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
}
