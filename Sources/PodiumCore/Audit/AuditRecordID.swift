import Foundation

/// The ids of audit records: a random one for every new record, and for a line of an old log that has none, one
/// derived from the line's bytes (stable: a log is append-only, so a line never changes).
public enum AuditRecordID {
    /// A fresh id for a new record (a lowercased UUID).
    public static func make() -> String {
        UUID().uuidString.lowercased()
    }

    /// The id of an old log line without one: `legacy-` and 128 bits of two FNV-1a hashes of its bytes. It only
    /// has to tell lines apart for de-duplication (a record is never trusted because of its id), so a
    /// non-cryptographic hash is enough; the same line always gets the same id, on every machine.
    public static func legacy<Bytes: Sequence>(_ line: Bytes) -> String where Bytes.Element == UInt8 {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x6c62_272e_07bb_0142
        for byte in line {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            second = (second ^ UInt64(byte ^ 0x5a)) &* 0x0000_0100_0000_01b3
        }
        return "legacy-" + hex(first) + hex(second)
    }

    private static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
