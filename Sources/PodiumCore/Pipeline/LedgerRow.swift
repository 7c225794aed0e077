/// One group × environment row of the ledger: the facts and the flags judged from them.
public struct LedgerRow: Sendable, Equatable, Codable {
    /// What podium read.
    public var facts: LedgerFacts
    /// What is wrong, each with its reason (empty when all is well).
    public var flags: [LedgerFlag]

    /// Creates a row.
    public init(facts: LedgerFacts, flags: [LedgerFlag]) {
        self.facts = facts
        self.flags = flags
    }
}
