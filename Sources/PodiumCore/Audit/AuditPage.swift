/// The newest records of the audit log, and how many lines could not be read (a torn last line after a kill or
/// a full disk), so a screen can say that something was skipped.
public struct AuditPage: Sendable, Equatable {
    /// The records, newest first.
    public var records: [AuditRecord]
    /// Lines that were skipped because they could not be read.
    public var unreadableLines: Int

    /// Creates a page.
    public init(records: [AuditRecord], unreadableLines: Int) {
        self.records = records
        self.unreadableLines = unreadableLines
    }
}
