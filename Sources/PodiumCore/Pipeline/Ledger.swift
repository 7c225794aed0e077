import Foundation

/// Every configured group × environment, with what should run, what runs, and the flags: the pipeline screen's
/// top half and `podium drift`.
public struct Ledger: Sendable, Equatable, Codable {
    /// When it was read.
    public var time: Date
    /// One row per configured endpoint (group × environment), in config order.
    public var rows: [LedgerRow]

    /// Creates a ledger.
    public init(time: Date, rows: [LedgerRow]) {
        self.time = time
        self.rows = rows
    }

    /// Whether any row has a flag.
    public var hasFlags: Bool { rows.contains { !$0.flags.isEmpty } }

    /// Whether some source could not be read on some row.
    public var hasProblems: Bool { rows.contains { !$0.facts.problems.isEmpty } }
}
