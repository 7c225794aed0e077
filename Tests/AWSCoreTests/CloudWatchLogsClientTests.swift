import AWSCore
import Foundation
import Testing

/// CloudWatch Logs: the wire format on a recording transport, and every operation end to end against stock
/// moto over real HTTP with SigV4.
@Suite struct CloudWatchLogsClientTests {
    @Test func isAwsJson11WithTheLogsTargetAndCamelCaseMembers() async throws {
        let transport = RecordingTransport(script: [
            jsonReply(#"{"nextSequenceToken":"49","rejectedLogEventsInfo":{"tooOldLogEventEndIndex":0}}"#)
        ])
        let client = makeTestClient(transport: transport)
        let out = try await client.cloudWatchLogs.putLogEvents(
            .init(
                logGroupName: "/podium/audit", logStreamName: "alice",
                logEvents: [.init(timestamp: 1_700_000_000_000, message: "one")]))
        #expect(out.nextSequenceToken == "49")
        #expect(out.rejectedLogEventsInfo?.tooOldLogEventEndIndex == 0)
        let request = try #require(await transport.requests.first)
        #expect(request.header("X-Amz-Target") == "Logs_20140328.PutLogEvents")
        #expect(request.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(request.header("Authorization")?.contains("/us-east-1/logs/aws4_request") == true)
        let body = jsonBody(request)
        #expect(body["logGroupName"] as? String == "/podium/audit")
        let events = try #require(body["logEvents"] as? [[String: Any]])
        #expect(events.first?["timestamp"] as? Int == 1_700_000_000_000)
        #expect(events.first?["message"] as? String == "one")
    }

    @Test func createOperationsAcceptAnEmptyBodyAndAlreadyExistsIsRecognised() async throws {
        let transport = RecordingTransport(script: [
            .response(HTTPResponse(status: 200, headers: [], body: [])),
            jsonReply(
                #"{"__type":"ResourceAlreadyExistsException","message":"The specified log group already exists"}"#,
                status: 400),
        ])
        let client = makeTestClient(transport: transport)
        try await client.cloudWatchLogs.createLogGroup(.init(logGroupName: "/podium/audit"))
        await #expect {
            try await client.cloudWatchLogs.createLogGroup(.init(logGroupName: "/podium/audit"))
        } throws: { CloudWatchLogsClient.isAlreadyExists($0) }
    }

    @Test func batchesOutOfOrderEmptyOrTooLargeAreRefusedBeforeSending() async throws {
        let transport = RecordingTransport()
        let logs = makeTestClient(transport: transport).cloudWatchLogs
        let big = String(repeating: "x", count: 600_000)
        let cases: [([InputLogEvent], String)] = [
            ([], "no log events"),
            ([.init(timestamp: 2, message: "b"), .init(timestamp: 1, message: "a")], "timestamp order"),
            ([.init(timestamp: 1, message: big), .init(timestamp: 2, message: big)], "bytes exceed"),
        ]
        for (events, reason) in cases {
            await #expect {
                _ = try await logs.putLogEvents(.init(logGroupName: "g", logStreamName: "s", logEvents: events))
            } throws: { error in
                guard case .invalidRequest(_, _, let text) = error as? AWSClientError else { return false }
                return text.contains(reason)
            }
        }
        #expect(await transport.requests.isEmpty)
    }

    @Test func writesAreRefusedOnReadOnlyClients() async throws {
        let transport = RecordingTransport()
        let logs = makeTestClient(transport: transport, readOnly: true).cloudWatchLogs
        await #expect(throws: AWSClientError.self) {
            try await logs.createLogStream(.init(logGroupName: "g", logStreamName: "s"))
        }
        #expect(await transport.requests.isEmpty)
    }

    @Test func everyOperationAgainstStockMoto() async throws {
        try await withStockMoto { aws, _ in try await exerciseEveryOperation(aws.cloudWatchLogs) }
    }

    private func exerciseEveryOperation(_ logs: CloudWatchLogsClient) async throws {
        let group = "/podium/audit"
        try await logs.createLogGroup(.init(logGroupName: group))
        await #expect {
            try await logs.createLogGroup(.init(logGroupName: group))
        } throws: { CloudWatchLogsClient.isAlreadyExists($0) }
        try await logs.createLogStream(.init(logGroupName: group, logStreamName: "alice"))
        try await logs.createLogStream(.init(logGroupName: group, logStreamName: "bob"))
        let now = Int(Date().timeIntervalSince1970 * 1000)
        _ = try await logs.putLogEvents(
            .init(
                logGroupName: group, logStreamName: "alice",
                logEvents: [
                    .init(timestamp: now - 2000, message: #"{"action":"approve","id":"r1"}"#),
                    .init(timestamp: now - 1000, message: #"{"action":"promote","id":"r2"}"#),
                ]))
        _ = try await logs.putLogEvents(
            .init(
                logGroupName: group, logStreamName: "bob",
                logEvents: [.init(timestamp: now - 1500, message: #"{"action":"rollback","id":"r3"}"#)]))

        var streams: [String] = []
        for try await page in logs.describeLogStreamsPaginator(.init(logGroupName: group)) {
            streams += (page.logStreams ?? []).compactMap(\.logStreamName)
        }
        #expect(streams.sorted() == ["alice", "bob"])

        var filtered: [FilteredLogEvent] = []
        for try await page in logs.filterLogEventsPaginator(.init(logGroupName: group, startTime: now - 60_000)) {
            filtered += page.events ?? []
        }
        #expect(filtered.count == 3)
        #expect(Set(filtered.compactMap(\.logStreamName)) == ["alice", "bob"])
        #expect(filtered.contains { $0.message?.contains("rollback") == true })

        let read = try await logs.getLogEvents(
            .init(logGroupName: group, logStreamName: "alice", startFromHead: true))
        #expect(
            read.events?.map(\.message) == [#"{"action":"approve","id":"r1"}"#, #"{"action":"promote","id":"r2"}"#])
        #expect(read.events?.first?.timestamp == now - 2000)

        await #expect {
            _ = try await logs.getLogEvents(.init(logGroupName: group, logStreamName: "nobody"))
        } throws: { ($0 as? AWSServiceError)?.code == "ResourceNotFoundException" }
    }
}
