import AWSCore
import Foundation
import Testing

@Suite struct RetryTests {
    let throttle = jsonReply(#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#, status: 400)
    let ok = jsonReply(#"{"Endpoints":[]}"#)

    @Test func backoffFormulaMatchesBotocore() {
        let policy = RetryPolicy.standard
        #expect(policy.backoff(afterAttempt: 1, random: 0.5) == .milliseconds(500))
        #expect(policy.backoff(afterAttempt: 2, random: 0.5) == .seconds(1))
        #expect(policy.backoff(afterAttempt: 3, random: 0.5) == .seconds(2))
        #expect(policy.backoff(afterAttempt: 6, random: 1) == .seconds(20))
        #expect(policy.backoff(afterAttempt: 10, random: 0.25) == .seconds(5))
        #expect(policy.backoff(afterAttempt: 1, random: 0) == .zero)
    }

    @Test func twoThrottlesAreRetriedToSuccess() async throws {
        let transport = RecordingTransport(script: [throttle, throttle, ok])
        let sleeper = RecordingSleeper()
        let client = makeTestClient(transport: transport, sleeper: sleeper, random: .constant(0.5))
        let out = try await client.sageMaker.listEndpoints()
        #expect(out.endpoints.isEmpty)
        #expect(await transport.requests.count == 3)
        #expect(await sleeper.delays == [.milliseconds(500), .seconds(1)])
        let attempts = await transport.requests.map { $0.header("amz-sdk-request") }
        #expect(attempts == ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"])
        // Each attempt is signed afresh and carries the same invocation id.
        #expect(Set(await transport.requests.compactMap { $0.header("amz-sdk-invocation-id") }).count == 1)
    }

    @Test func persistentThrottleFailsAfterThreeAttempts() async throws {
        let transport = RecordingTransport(fallback: { _ in
            jsonReply(#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#, status: 400)
        })
        let sleeper = RecordingSleeper()
        let client = makeTestClient(transport: transport, sleeper: sleeper, random: .constant(0.75))
        do {
            _ = try await client.sageMaker.listEndpoints()
            Issue.record("expected throttling")
        } catch let error as AWSServiceError {
            #expect(error.code == "ThrottlingException")
            #expect(error.isThrottling)
            #expect(error.operation == "ListEndpoints")
        }
        #expect(await transport.requests.count == 3)
        #expect(await sleeper.delays == [.milliseconds(750), .milliseconds(1500)])
    }

    @Test func nonRetryableErrorsAreNotRetried() async throws {
        let transport = RecordingTransport(script: [
            jsonReply(#"{"__type":"ValidationException","message":"no"}"#, status: 400)
        ])
        let sleeper = RecordingSleeper()
        let client = makeTestClient(transport: transport, sleeper: sleeper)
        await #expect(throws: AWSServiceError.self) { _ = try await client.sageMaker.listEndpoints() }
        #expect(await transport.requests.count == 1)
        #expect(await sleeper.delays.isEmpty)
    }

    @Test func connectionResetsAreRetriedThenTyped() async throws {
        let transport = RecordingTransport(fallback: { _ in .failure(.connectionReset("reset by peer")) })
        let client = makeTestClient(transport: transport)
        await #expect(
            throws: AWSClientError.transport(
                service: "SageMaker", operation: "ListEndpoints", error: .connectionReset("reset by peer"), attempts: 3)
        ) { _ = try await client.sageMaker.listEndpoints() }
        #expect(await transport.requests.count == 3)
    }

    @Test func garbageBodyIsATypedError() async throws {
        let transport = RecordingTransport(script: [
            .response(HTTPResponse(status: 200, body: [0xDE, 0xAD, 0xBE, 0xEF, 0x7B]))
        ])
        let client = makeTestClient(transport: transport)
        do {
            _ = try await client.sageMaker.listEndpoints()
            Issue.record("expected an error")
        } catch let error as AWSClientError {
            guard case .undecodableResponse(_, "ListEndpoints", 200, let reason) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(reason.contains("not valid JSON"))
            #expect(error.description.contains("could not be read"))
        }
        #expect(await transport.requests.count == 1)
    }

    @Test func retryCosts() async {
        #expect(RetryOutcome.transport(.timedOut("read")).quotaCost == 10)
        #expect(RetryOutcome.transport(.connectionReset("x")).quotaCost == 5)
        #expect(
            RetryOutcome.serviceError(code: "Throttling", httpStatus: 400, isRetryable: true, isThrottling: true)
                .quotaCost == 5)
        let quota = RetryQuota()
        #expect(await quota.available == 500)
        #expect(await quota.acquire(495))
        #expect(await !quota.acquire(6))
        await quota.release(1)
        #expect(await quota.available == 6)
        await quota.release(100)
        #expect(await quota.available == 106)
        await quota.release(1000)
        #expect(await quota.available == 500)
    }

    @Test func quotaIsSpentByRetriesAndRefundedBySuccesses() async throws {
        let transport = RecordingTransport(script: Array(repeating: .failure(.timedOut("read")), count: 76))
        let sleeper = RecordingSleeper()
        let client = makeTestClient(transport: transport, sleeper: sleeper)
        // 25 failing calls × 2 timeout retries × 10 tokens = the whole bucket of 500.
        for _ in 0..<25 {
            await #expect(throws: AWSClientError.self) { _ = try await client.sageMaker.listEndpoints() }
        }
        #expect(await sleeper.delays.count == 50)
        #expect(await transport.requests.count == 75)
        // Empty bucket: the next failure is returned after one attempt.
        await #expect(throws: AWSClientError.self) { _ = try await client.sageMaker.listEndpoints() }
        #expect(await transport.requests.count == 76)
        #expect(await sleeper.delays.count == 50)
        // Four first-try successes give back 1 token each: 4 < 5, so a throttle is still not retried.
        for _ in 0..<4 { await transport.enqueue(ok) }
        for _ in 0..<4 { _ = try await client.sageMaker.listEndpoints() }
        await transport.enqueue(throttle)
        await #expect(throws: AWSServiceError.self) { _ = try await client.sageMaker.listEndpoints() }
        #expect(await sleeper.delays.count == 50)
        // A fifth success makes 5: one throttle retry is affordable, and its success refunds the 5 it took.
        await transport.enqueue(ok, throttle, ok, throttle, ok)
        _ = try await client.sageMaker.listEndpoints()
        _ = try await client.sageMaker.listEndpoints()
        #expect(await sleeper.delays.count == 51)
        _ = try await client.sageMaker.listEndpoints()
        #expect(await sleeper.delays.count == 52)
        // Other services keep their own bucket, as botocore keeps one per client.
        await transport.enqueue(.failure(.timedOut("read")), jsonReply(#"{"MetricAlarms":[]}"#))
        _ = try await client.cloudWatch.describeAlarms()
        #expect(await sleeper.delays.count == 53)
    }

    @Test func cancellationAbortsTheCall() async throws {
        let transport = RecordingTransport(fallback: { _ in .failure(.connectionReset("x")) })
        let gate = CancellingSleeper()
        let client = makeTestClient(transport: transport, sleeper: gate)
        let task = Task { try await client.sageMaker.listEndpoints() }
        await gate.waitUntilSleeping()
        task.cancel()
        let result = await task.result
        #expect(throws: AWSClientError.cancelled(service: "SageMaker", operation: "ListEndpoints")) { try result.get() }
        #expect(await transport.requests.count == 1)
    }
}

/// A sleeper that parks until cancelled, so a test can cancel a call mid-backoff without timing.
actor CancellingSleeper: AWSSleeper {
    private var sleeping = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func sleep(for duration: Duration) async throws {
        sleeping = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
        // Parked until the test cancels the task; Task.sleep throws CancellationError at once then.
        try await Task.sleep(for: .seconds(3600))
    }

    func waitUntilSleeping() async {
        if sleeping { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}
