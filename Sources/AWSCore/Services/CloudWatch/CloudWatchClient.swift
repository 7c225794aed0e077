import Foundation

/// CloudWatch (awsJson 1.0, query-compatible): metric data and alarms. Obtain it from `AWSClient.cloudWatch`.
public struct CloudWatchClient: Sendable {
    /// The client carrying region, credentials, transport, retries and the read-only flag.
    public let client: AWSClient
    /// The service description.
    public static let service = AWSServiceDescription.cloudWatch
    /// The most metric data queries one GetMetricData call accepts.
    public static let maxQueriesPerCall = 500

    /// Every operation of this client with its access kind.
    public enum Operation {
        /// GetMetricData (read).
        public static let getMetricData = AWSOperation("GetMetricData", .read)
        /// DescribeAlarms (read).
        public static let describeAlarms = AWSOperation("DescribeAlarms", .read)
        /// All of them.
        public static let all: [AWSOperation] = [getMetricData, describeAlarms]
    }

    /// Wraps a client.
    public init(client: AWSClient) {
        self.client = client
    }

    /// Gets one page of metric data (at most 500 queries).
    public func getMetricData(_ input: GetMetricDataInput) async throws -> GetMetricDataOutput {
        if input.metricDataQueries.count > Self.maxQueriesPerCall {
            throw AWSClientError.invalidRequest(
                service: Self.service.serviceId, operation: Operation.getMetricData.name,
                reason:
                    "\(input.metricDataQueries.count) queries exceed the limit of \(Self.maxQueriesPerCall) per call; "
                    + "use getMetricDataInBatches")
        }
        return try await client.json(Operation.getMetricData, service: Self.service, input: input)
    }

    /// Describes alarms (one page).
    public func describeAlarms(_ input: DescribeAlarmsInput = .init()) async throws -> DescribeAlarmsOutput {
        try await client.json(Operation.describeAlarms, service: Self.service, input: input)
    }

    /// All pages of `getMetricData`, following `NextToken`.
    public func getMetricDataPaginator(_ input: GetMetricDataInput)
        -> AWSPaginator<GetMetricDataInput, GetMetricDataOutput>
    {
        AWSPaginator(
            input: input, fetch: { try await self.getMetricData($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }

    /// All pages of `describeAlarms`.
    public func describeAlarmsPaginator(_ input: DescribeAlarmsInput = .init())
        -> AWSPaginator<DescribeAlarmsInput, DescribeAlarmsOutput>
    {
        AWSPaginator(
            input: input, fetch: { try await self.describeAlarms($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }

    /// Splits queries into GetMetricData calls of at most `maxQueriesPerCall` (500), in order: the one place
    /// CloudWatch query batching is decided.
    public static func batches(_ queries: [MetricDataQuery]) -> [[MetricDataQuery]] {
        stride(from: 0, to: queries.count, by: maxQueriesPerCall).map {
            Array(queries[$0..<min($0 + maxQueriesPerCall, queries.count)])
        }
    }

    /// Runs any number of queries: splits them into calls of at most 500, follows each call's pages, and
    /// merges the pages of each query id (timestamps and values concatenated in order). The results come back
    /// in the order of `queries`; a query with no data gets an empty result.
    public func getMetricDataInBatches(
        queries: [MetricDataQuery], startTime: Date, endTime: Date, scanBy: String? = nil,
        labelOptions: LabelOptions? = nil
    ) async throws -> [MetricDataResult] {
        var merged: [String: MetricDataResult] = [:]
        for batch in Self.batches(queries) {
            let input = GetMetricDataInput(
                metricDataQueries: batch, startTime: startTime, endTime: endTime, scanBy: scanBy,
                labelOptions: labelOptions)
            for try await page in getMetricDataPaginator(input) {
                for result in page.metricDataResults ?? [] {
                    guard let id = result.id else { continue }
                    if var existing = merged[id] {
                        existing.timestamps = (existing.timestamps ?? []) + (result.timestamps ?? [])
                        existing.values = (existing.values ?? []) + (result.values ?? [])
                        existing.statusCode = result.statusCode ?? existing.statusCode
                        if let messages = result.messages { existing.messages = (existing.messages ?? []) + messages }
                        merged[id] = existing
                    } else {
                        merged[id] = result
                    }
                }
            }
        }
        return queries.filter { $0.returnData != false }.map {
            merged[$0.id]
                ?? MetricDataResult(id: $0.id, label: $0.label, timestamps: [], values: [], statusCode: "Complete")
        }
    }
}
