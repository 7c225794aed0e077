import Foundation
import PodiumCore

/// One `TeamAuditReader` per session for the life of the console: the reader caches its last page (10 s), so
/// the activity screen's refreshes and a forced refresh right after one do not read the log group twice.
actor TeamAuditReaders {
    /// The process's readers.
    static let shared = TeamAuditReaders()

    private var readers: [ObjectIdentifier: TeamAuditReader] = [:]

    /// The reader of a session whose audit log has a CloudWatch Logs sink (nil when it has none).
    func reader(for session: PodiumSession) -> TeamAuditReader? {
        guard let sink = session.auditLog.sink else { return nil }
        if let reader = readers[ObjectIdentifier(session)] { return reader }
        let reader = TeamAuditReader(sink: sink, log: session.auditLog)
        readers[ObjectIdentifier(session)] = reader
        return reader
    }
}

extension PodiumSession {
    /// The activity screen's records: the team's log group merged with the local log when `audit.cloudwatch_logs`
    /// is configured (other operators' approvals, promotions and rollbacks), else the local log alone.
    public func teamAuditPage(limit: Int) async throws -> TeamAuditPage {
        guard let reader = await TeamAuditReaders.shared.reader(for: self) else {
            let page = try auditPage(limit: limit)
            return TeamAuditPage(records: page.records, unreadable: page.unreadableLines)
        }
        return try await reader.page(limit: limit)
    }
}
