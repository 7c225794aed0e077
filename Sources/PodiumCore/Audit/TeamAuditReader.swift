import Foundation

/// Reads the team's audit trail (`podium audit --team`, the console's activity screen): `FilterLogEvents` over
/// every stream of the sink's log group, merged with the local log, de-duplicated by record id (a record sent
/// twice after a lost acknowledgement, or a local record also in the group, is shown once), newest first.
///
/// Polite to AWS: it reads the newest window first (1 hour, then 1 day, 7 days, 30 days, each further back
/// than the last) and stops as soon as it has `limit` records, with at most `maxPages` calls in all; a page asked
/// for again within `minimumInterval` is answered from the last read.
public actor TeamAuditReader {
    let log: AuditLog
    let group: String
    let transport: any AuditLogTransport
    let now: @Sendable () -> Date
    let minimumInterval: Duration
    let maxPages: Int
    private var cached: (limit: Int, at: ContinuousClock.Instant, page: TeamAuditPage)?

    /// Windows read, newest first: each one starts where the previous one ended.
    static let windows: [TimeInterval] = [3600, 86_400, 7 * 86_400, 30 * 86_400]

    /// A reader of `group` (through `transport`) merged with `log`.
    public init(
        log: AuditLog, group: String, transport: any AuditLogTransport, minimumInterval: Duration = .seconds(10),
        maxPages: Int = 20, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.log = log
        self.group = group
        self.transport = transport
        self.minimumInterval = minimumInterval
        self.maxPages = maxPages
        self.now = now
    }

    /// A reader for a sink (its group and transport) and the log it sends from.
    public init(sink: AuditSink, log: AuditLog) {
        self.init(log: log, group: sink.config.group, transport: sink.transport)
    }

    /// The newest `limit` records of the team and this operator. Never throws for the team's log: when it cannot
    /// be read, the page holds the local records and `teamError` says why. A local log that cannot be read
    /// throws (as `podium audit` does).
    public func page(limit: Int = 200) async throws -> TeamAuditPage {
        if let cached, cached.limit == limit, ContinuousClock.now - cached.at < minimumInterval {
            return cached.page
        }
        let local = try log.read()
        var team: [AuditRecord] = []
        var unreadable = local.unreadableLines
        var teamError: String?
        do {
            let fetched = try await fetchTeam(limit: limit)
            team = fetched.records
            unreadable += fetched.unreadable
        } catch {
            teamError = PodiumError.describe(error)
        }
        let localIds = Set(local.records.compactMap(\.id))
        let merged = Self.merge(local: local.records, team: team, limit: limit)
        let fromTeam = merged.filter { !localIds.contains($0.id ?? "") }.count
        let page = TeamAuditPage(records: merged, unreadable: unreadable, fromTeam: fromTeam, teamError: teamError)
        cached = (limit, ContinuousClock.now, page)
        return page
    }

    /// Local and team records as one list: each id once (the local copy wins: it is the durable one), newest
    /// first. Times have whole seconds, so records of the same second keep the order they were read in, reversed
    /// (the local log and each page of the team's are oldest first): an attempt's outcome shows above its start.
    public static func merge(local: [AuditRecord], team: [AuditRecord], limit: Int) -> [AuditRecord] {
        var seen = Set<String>()
        var all: [AuditRecord] = []
        for record in local + team {
            let id = record.id ?? ""
            guard !id.isEmpty else { continue }
            if seen.insert(id).inserted { all.append(record) }
        }
        let newestFirst = all.enumerated().sorted { ($0.element.time, $0.offset) > ($1.element.time, $1.offset) }
        return newestFirst.prefix(max(0, limit)).map(\.element)
    }

    private func fetchTeam(limit: Int) async throws -> (records: [AuditRecord], unreadable: Int) {
        let decoder = AuditLog.decoder
        var records: [AuditRecord] = []
        var unreadable = 0
        var pages = 0
        let end = now()
        var windowEnd = end
        for window in Self.windows {
            let start = end.addingTimeInterval(-window)
            var token: String?
            repeat {
                guard pages < maxPages else { return (records, unreadable) }
                let page = try await transport.filter(group: group, start: start, end: windowEnd, nextToken: token)
                pages += 1
                for message in page.messages {
                    if var record = try? decoder.decode(AuditRecord.self, from: Data(message.utf8)) {
                        if record.id == nil { record.id = AuditRecordID.legacy(Array(message.utf8)) }
                        records.append(record)
                    } else {
                        unreadable += 1
                    }
                }
                token = page.nextToken
            } while token != nil
            if Set(records.compactMap(\.id)).count >= limit { break }
            // The next, wider window starts where this one did (1 ms before, as the bounds are inclusive).
            windowEnd = start.addingTimeInterval(-0.001)
        }
        return (records, unreadable)
    }
}
