import Foundation

/// CloudWatch Logs (awsJson 1.1): log groups and streams, writing and reading events (the team audit sink, endpoint
/// logs, the pipeline's log lines). Obtain it from `AWSClient.cloudWatchLogs`.
public struct CloudWatchLogsClient: Sendable {
    /// The client carrying region, credentials, transport, retries and the read-only flag.
    public let client: AWSClient
    /// The service description.
    public static let service = AWSServiceDescription.cloudWatchLogs
    /// The most events one PutLogEvents call accepts.
    public static let maxEventsPerPut = 10_000
    /// The most bytes one PutLogEvents call accepts: each message's UTF-8 length plus 26 bytes per event.
    public static let maxBytesPerPut = 1_048_576

    /// Every operation of this client with its access kind.
    public enum Operation {
        /// CreateLogGroup (write).
        public static let createLogGroup = AWSOperation("CreateLogGroup", .write)
        /// CreateLogStream (write).
        public static let createLogStream = AWSOperation("CreateLogStream", .write)
        /// PutLogEvents (write).
        public static let putLogEvents = AWSOperation("PutLogEvents", .write)
        /// FilterLogEvents (read).
        public static let filterLogEvents = AWSOperation("FilterLogEvents", .read)
        /// DescribeLogStreams (read).
        public static let describeLogStreams = AWSOperation("DescribeLogStreams", .read)
        /// GetLogEvents (read).
        public static let getLogEvents = AWSOperation("GetLogEvents", .read)
        /// All of them.
        public static let all: [AWSOperation] = [
            createLogGroup, createLogStream, putLogEvents, filterLogEvents, describeLogStreams, getLogEvents,
        ]
    }

    /// Wraps a client.
    public init(client: AWSClient) {
        self.client = client
    }

    /// Creates a log group. AWS answers `ResourceAlreadyExistsException` when it exists (see `isAlreadyExists`).
    public func createLogGroup(_ input: CreateLogGroupRequest) async throws {
        let _: AWSEmptyOutput = try await client.json(Operation.createLogGroup, service: Self.service, input: input)
    }

    /// Creates a log stream in a group. AWS answers `ResourceAlreadyExistsException` when it exists.
    public func createLogStream(_ input: CreateLogStreamRequest) async throws {
        let _: AWSEmptyOutput = try await client.json(Operation.createLogStream, service: Self.service, input: input)
    }

    /// Writes a batch of events to a stream. The events must be in timestamp order (milliseconds since the epoch)
    /// and within the per-call limits (`maxEventsPerPut`, `maxBytesPerPut`); the sequence token is ignored by AWS
    /// since 2023 and may be left out. Events AWS did not accept are named in `rejectedLogEventsInfo`.
    public func putLogEvents(_ input: PutLogEventsRequest) async throws -> PutLogEventsResponse {
        if let reason = Self.batchProblem(input.logEvents) {
            throw AWSClientError.invalidRequest(
                service: Self.service.serviceId, operation: Operation.putLogEvents.name, reason: reason)
        }
        return try await client.json(Operation.putLogEvents, service: Self.service, input: input)
    }

    /// Why a batch of events cannot be sent in one PutLogEvents call, or `nil` when it can.
    public static func batchProblem(_ events: [InputLogEvent]) -> String? {
        if events.isEmpty { return "no log events to put" }
        if events.count > maxEventsPerPut {
            return "\(events.count) events exceed the limit of \(maxEventsPerPut) per call"
        }
        let bytes = events.reduce(0) { $0 + $1.message.utf8.count + 26 }
        if bytes > maxBytesPerPut { return "\(bytes) bytes exceed the limit of \(maxBytesPerPut) per call" }
        if zip(events, events.dropFirst()).contains(where: { $0.timestamp > $1.timestamp }) {
            return "log events must be in timestamp order"
        }
        return nil
    }

    /// Searches events across a group's streams (one page).
    public func filterLogEvents(_ input: FilterLogEventsRequest) async throws -> FilterLogEventsResponse {
        try await client.json(Operation.filterLogEvents, service: Self.service, input: input)
    }

    /// Lists a group's streams (one page).
    public func describeLogStreams(_ input: DescribeLogStreamsRequest) async throws -> DescribeLogStreamsResponse {
        try await client.json(Operation.describeLogStreams, service: Self.service, input: input)
    }

    /// Reads one stream's events (one page). `nextForwardToken` continues forward; AWS returns the same token
    /// when there is nothing newer, which ends `getLogEventsPaginator`.
    public func getLogEvents(_ input: GetLogEventsRequest) async throws -> GetLogEventsResponse {
        try await client.json(Operation.getLogEvents, service: Self.service, input: input)
    }

    /// All pages of `filterLogEvents`, following `nextToken`.
    public func filterLogEventsPaginator(_ input: FilterLogEventsRequest)
        -> AWSPaginator<FilterLogEventsRequest, FilterLogEventsResponse>
    {
        AWSPaginator(
            input: input, fetch: { try await self.filterLogEvents($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }

    /// All pages of `describeLogStreams`, following `nextToken`.
    public func describeLogStreamsPaginator(_ input: DescribeLogStreamsRequest)
        -> AWSPaginator<DescribeLogStreamsRequest, DescribeLogStreamsResponse>
    {
        AWSPaginator(
            input: input, fetch: { try await self.describeLogStreams($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }

    /// All pages of `getLogEvents` forward from the input's position, until AWS repeats the forward token.
    public func getLogEventsPaginator(_ input: GetLogEventsRequest)
        -> AWSPaginator<GetLogEventsRequest, GetLogEventsResponse>
    {
        AWSPaginator(
            input: input, fetch: { try await self.getLogEvents($0) }, nextToken: { $0.nextForwardToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                next.startFromHead = true
                return next
            })
    }

    /// Whether an error is CloudWatch Logs' "already exists" answer to CreateLogGroup / CreateLogStream, which a
    /// caller creating on first use treats as success.
    public static func isAlreadyExists(_ error: any Error) -> Bool {
        (error as? AWSServiceError)?.code == "ResourceAlreadyExistsException"
    }
}
