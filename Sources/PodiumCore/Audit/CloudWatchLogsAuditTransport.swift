import AWSCore
import Foundation

/// The audit sink's and team reader's CloudWatch Logs calls over AWSCore (real HTTP, SigV4, retries and the
/// request limits of the client it is given).
public struct CloudWatchLogsAuditTransport: AuditLogTransport {
    let logs: CloudWatchLogsClient

    /// A transport over `client` (its region and credentials are the sink's).
    public init(client: AWSClient) {
        self.logs = client.cloudWatchLogs
    }

    /// `PutLogEvents`; a missing stream is `AuditTransportError.streamMissing`, a missing group a clear error.
    public func put(group: String, stream: String, events: [AuditLogEvent]) async throws -> AuditPutResult {
        let response: PutLogEventsResponse
        do {
            response = try await logs.putLogEvents(
                PutLogEventsRequest(
                    logGroupName: group, logStreamName: stream,
                    logEvents: events.map { InputLogEvent(timestamp: $0.timestamp, message: $0.message) }))
        } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" {
            if (error.message ?? "").lowercased().contains("stream") { throw AuditTransportError.streamMissing }
            throw Self.groupMissing(group, error)
        }
        return AuditPutResult(rejected: Self.rejected(response.rejectedLogEventsInfo, count: events.count))
    }

    /// `CreateLogStream`; one that exists already is fine.
    public func createStream(group: String, stream: String) async throws {
        do {
            try await logs.createLogStream(CreateLogStreamRequest(logGroupName: group, logStreamName: stream))
        } catch  where CloudWatchLogsClient.isAlreadyExists(error) {
            return
        } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" {
            throw Self.groupMissing(group, error)
        }
    }

    /// One page of `FilterLogEvents` over every stream of the group.
    public func filter(group: String, start: Date, end: Date, nextToken: String?) async throws -> AuditFilterPage {
        do {
            let response = try await logs.filterLogEvents(
                FilterLogEventsRequest(
                    logGroupName: group, startTime: AuditSink.timestamp(start), endTime: AuditSink.timestamp(end),
                    nextToken: nextToken))
            // An empty token is the end too (some implementations answer "" rather than leaving it out).
            let next = response.nextToken.flatMap { $0.isEmpty ? nil : $0 }
            return AuditFilterPage(messages: (response.events ?? []).compactMap(\.message), nextToken: next)
        } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" {
            throw Self.groupMissing(group, error)
        }
    }

    /// How many events of a batch of `count` AWS named as too old, expired or too new.
    static func rejected(_ info: RejectedLogEventsInfo?, count: Int) -> Int {
        guard let info else { return 0 }
        let old = max(info.tooOldLogEventEndIndex.map { $0 + 1 } ?? 0, info.expiredLogEventEndIndex.map { $0 + 1 } ?? 0)
        let new = info.tooNewLogEventStartIndex.map { max(0, count - $0) } ?? 0
        return min(count, old + new)
    }

    static func groupMissing(_ group: String, _ error: AWSServiceError) -> PodiumError {
        PodiumError(
            .failed, "CloudWatch Logs group \(group) does not exist (\(error.message ?? error.code))",
            hint:
                "create it once for the team (aws logs create-log-group --log-group-name \(group)) or fix audit.cloudwatch_logs.group"
        )
    }
}
