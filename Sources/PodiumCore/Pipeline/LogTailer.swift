import AWSCore
import Foundation

/// Follows a log group with FilterLogEvents and a cursor: each `poll()` asks only for events at or after the
/// newest timestamp seen, skipping the events already returned at that very millisecond (kept by id: the only
/// state, so memory stays bounded however long it follows). A poll reads at most `maxPagesPerPoll` pages; the rest
/// comes with the next poll, from where it stopped.
public actor LogTailer {
    private let client: AWSClient
    /// The log group.
    public nonisolated let logGroup: String
    private let filterPattern: String?
    private let maxPagesPerPoll: Int
    private var startTime: Int
    private var pendingToken: String?
    private var seenAtStart: Set<String> = []
    private var newest = 0
    private var seenAtNewest: Set<String> = []

    /// The log group SageMaker writes an endpoint's container logs to.
    public static func endpointLogGroup(_ endpoint: String) -> String { "/aws/sagemaker/Endpoints/\(endpoint)" }

    /// Creates a tailer from `since` on (milliseconds are what CloudWatch Logs keeps).
    public init(
        client: AWSClient, logGroup: String, since: Date, filterPattern: String? = nil, maxPagesPerPoll: Int = 10
    ) {
        self.client = client
        self.logGroup = logGroup
        self.filterPattern = filterPattern
        self.maxPagesPerPoll = max(1, maxPagesPerPoll)
        self.startTime = Int((since.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The events logged since the last poll, oldest first. A missing log group throws `PodiumError(.notFound)`
    /// (the endpoint has not logged yet, or lives in another account or region).
    public func poll() async throws -> [LogLine] {
        var lines: [LogLine] = []
        if pendingToken == nil {
            // A new pass over `startTime…now`; a pass cut short by the page bound carries on with its token.
            newest = startTime
            seenAtNewest = seenAtStart
        }
        var token = pendingToken
        pendingToken = nil
        for page in 0..<maxPagesPerPoll {
            let output: FilterLogEventsResponse
            do {
                output = try await client.cloudWatchLogs.filterLogEvents(
                    FilterLogEventsRequest(
                        logGroupName: logGroup, startTime: startTime, filterPattern: filterPattern, nextToken: token))
            } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" {
                throw PodiumError(
                    .notFound, "log group \(logGroup) does not exist",
                    hint: "the endpoint has not logged yet, or it runs in another account or region")
            }
            for event in output.events ?? [] {
                let time = event.timestamp ?? startTime
                let id = event.eventId ?? "\(time)/\(event.logStreamName ?? "")/\(event.message ?? "")"
                if time == startTime && seenAtStart.contains(id) { continue }
                if time > newest {
                    newest = time
                    seenAtNewest = []
                }
                if time == newest { seenAtNewest.insert(id) }
                lines.append(
                    LogLine(
                        time: Date(timeIntervalSince1970: Double(time) / 1000), stream: event.logStreamName ?? "",
                        message: event.message ?? ""))
            }
            token = output.nextToken
            if token == nil { break }
            if page == maxPagesPerPoll - 1 { pendingToken = token }
        }
        if pendingToken == nil {
            startTime = newest
            seenAtStart = seenAtNewest
        }
        lines.sort { $0.time < $1.time }
        return lines
    }
}
