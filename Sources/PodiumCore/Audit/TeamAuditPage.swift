/// The team's audit trail as one list: this operator's local records merged with the team's CloudWatch Logs
/// group, de-duplicated by record id, newest first.
public struct TeamAuditPage: Sendable, Equatable {
    /// The records, newest first (each once).
    public var records: [AuditRecord]
    /// Local lines and team events that could not be read as records (skipped, counted).
    public var unreadable: Int
    /// Records that came only from the team's log (other operators, or this one on another machine).
    public var fromTeam: Int
    /// Why the team's log could not be read (`nil` when it was): the page then holds the local records only.
    public var teamError: String?

    /// Creates a page.
    public init(records: [AuditRecord], unreadable: Int = 0, fromTeam: Int = 0, teamError: String? = nil) {
        self.records = records
        self.unreadable = unreadable
        self.fromTeam = fromTeam
        self.teamError = teamError
    }
}
