import AWSCore
import Foundation
import Testing

/// The client's request path through the shared `RequestLimits`: the in-flight bound holds across clients that
/// share it, and a throttling answer turns the adaptive rate limiter on.
@Suite struct RequestLimitsClientTests {
    @Test func sharedLimitBoundsRequestsInFlightAcrossClients() async throws {
        let transport = GateTransport()
        let limits = RequestLimits(maxConcurrentRequests: 3, adaptive: false)
        let first = AWSClient(
            region: "us-east-1", credentialProvider: AWSClient.FixedCredentials(testCredentials),
            endpoints: .url(URL(string: "http://127.0.0.1:4566")!), transport: transport, readOnly: true, limits: limits
        )
        // A copy for another role in the same region shares the limits; one for another region does not.
        let second = first.with(credentialProvider: AWSClient.FixedCredentials(testCredentials))
        #expect(second.limits === limits)
        #expect(first.with(region: "eu-west-1").limits !== limits)
        let calls = Task {
            try await concurrentMap(Array(0..<12), maxConcurrent: 12) { index in
                let client = index.isMultiple(of: 2) ? first : second
                return try await client.sageMaker.describeEndpoint(.init(endpointName: "e\(index)")).endpointName
            }
        }
        // Three reach the transport, nine wait in the limiter.
        try await poll {
            let held = await transport.waiting
            let queued = await limits.concurrency.waiting
            return held == 3 && queued == 9
        }
        #expect(await transport.waiting == 3)
        await transport.open()
        let names = try await calls.value
        #expect(names.count == 12)
        #expect(await transport.peak == 3)
        #expect(await limits.concurrency.peakInFlight == 3)
        #expect(await limits.concurrency.inFlight == 0)
    }

    @Test func throttlingAnswerEnablesTheAdaptiveLimiter() async throws {
        let transport = RecordingTransport(script: [
            jsonReply(#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#, status: 400),
            jsonReply(
                #"{"EndpointName":"e","EndpointArn":"arn","EndpointStatus":"InService","CreationTime":1,"LastModifiedTime":1}"#
            ),
        ])
        let clock = ManualSeconds()
        let limits = RequestLimits(adaptive: true, now: { clock.now }, sleeper: AdvancingSleeper(clock: clock))
        let client = AWSClient(
            region: "us-east-1", credentialProvider: AWSClient.FixedCredentials(testCredentials),
            endpoints: .url(URL(string: "http://127.0.0.1:4566")!), transport: transport, readOnly: true,
            sleeper: RecordingSleeper(), random: .constant(0.5), limits: limits)
        let limiter = try #require(limits.rateLimiter(for: .sageMaker))
        #expect(await limiter.enabled == false)
        _ = try await client.sageMaker.describeEndpoint(.init(endpointName: "e"))
        #expect(await limiter.enabled)
        // Other services keep their own bucket, as botocore keeps one per client.
        #expect(await limits.rateLimiter(for: .cloudWatch)?.enabled == false)
        #expect(await transport.requests.count == 2)
    }
}

/// A transport that holds every request until `open()`, counting how many are held at once.
actor GateTransport: HTTPTransport {
    private(set) var waiting = 0
    private(set) var peak = 0
    private var isOpen = false
    private var held: [CheckedContinuation<Void, Never>] = []

    func open() {
        isOpen = true
        for continuation in held { continuation.resume() }
        held.removeAll()
    }

    func execute(_ request: HTTPRequest, timeout: TransportTimeouts) async throws -> HTTPResponse {
        waiting += 1
        peak = max(peak, waiting)
        if !isOpen { await withCheckedContinuation { held.append($0) } }
        waiting -= 1
        let name = (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])?["EndpointName"]
        let body =
            #"{"EndpointName":"\#(name ?? "?")","EndpointArn":"arn","EndpointStatus":"InService","#
            + #""CreationTime":1,"LastModifiedTime":1}"#
        return HTTPResponse(
            status: 200, headers: [("Content-Type", "application/x-amz-json-1.1")], body: Array(body.utf8))
    }
}
