import Foundation
import Testing

@testable import AWSCore

/// The steps of `AWSClient.send`, one at a time: `prepare`, `sign`, `sendLimited` and `retryDecision`.
@Suite struct RequestPathStepTests {
    let transport = RecordingTransport()
    let client: AWSClient

    init() {
        client = makeTestClient(transport: transport)
    }

    static func failure(_ outcome: RetryOutcome) -> AWSClient.FailedAttempt {
        AWSClient.FailedAttempt(outcome: outcome, error: CancellationError(), response: nil)
    }

    static let throttle = RetryOutcome.serviceError(
        code: "ThrottlingException", httpStatus: 400, isRetryable: true, isThrottling: true)

    @Test func prepareRefusesWritesOnReadOnlyClientsAndBuildsAgainstTheEndpoint() throws {
        let readOnly = makeTestClient(transport: transport, readOnly: true)
        #expect(throws: AWSClientError.self) {
            _ = try readOnly.prepare(SageMakerClient.Operation.updateEndpoint, service: .sageMaker) {
                HTTPRequest(method: "POST", url: $0)
            }
        }
        let request = try client.prepare(SageMakerClient.Operation.describeEndpoint, service: .sageMaker) {
            HTTPRequest(method: "POST", url: $0)
        }
        #expect(request.url.absoluteString == "http://127.0.0.1:4566")
    }

    @Test func signAddsTheSDKHeadersAndTheSignature() async throws {
        let unsigned = HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:4566/")!)
        let signer = SigV4Signer(service: "sagemaker", region: "us-east-1")
        let signed = try await client.sign(
            unsigned, SageMakerClient.Operation.describeEndpoint, service: .sageMaker, signer: signer,
            invocationId: "id-1", attempt: 2)
        #expect(signed.headers["amz-sdk-invocation-id"] == "id-1")
        #expect(signed.headers["amz-sdk-request"] == "attempt=2; max=3")
        #expect(signed.headers["authorization"]?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDTESTEXAMPLE/") == true)
        #expect(signed.headers["x-amz-date"] == "20231114T221320Z")
    }

    @Test func retryDecisionBacksOffTakesQuotaAndStopsAtTheLastAttempt() async {
        let quota = RetryQuota()
        var state = AWSClient.RetryState()
        state.attempt = 1
        let first = await client.retryDecision(Self.failure(Self.throttle), quota: quota, state: &state)
        #expect(first == .backOff(RetryPolicy.standard.backoff(afterAttempt: 1, random: 0.5)))
        #expect(state.acquiredForLastRetry == RetryQuota.retryCost)
        #expect(await quota.available == RetryQuota.initialCapacity - RetryQuota.retryCost)
        state.attempt = 3
        #expect(await client.retryDecision(Self.failure(Self.throttle), quota: quota, state: &state) == .giveUp)
    }

    @Test func retryDecisionGivesUpOnPermanentErrorsAndAnEmptyQuota() async {
        var state = AWSClient.RetryState()
        state.attempt = 1
        let validation = RetryOutcome.serviceError(
            code: "ValidationException", httpStatus: 400, isRetryable: false, isThrottling: false)
        #expect(await client.retryDecision(Self.failure(validation), quota: RetryQuota(), state: &state) == .giveUp)
        let empty = RetryQuota(capacity: 4)
        #expect(
            await client.retryDecision(Self.failure(.transport(.timedOut("read"))), quota: empty, state: &state)
                == .quotaExhausted)
    }

    @Test func sendLimitedHoldsASlotOnlyWhileSending() async throws {
        await transport.enqueue(jsonReply("{}"))
        let request = HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:4566/")!)
        let result = try await client.sendLimited(
            request, SageMakerClient.Operation.describeEndpoint, service: .sageMaker, attempt: 1)
        guard case .success(let response) = result else {
            Issue.record("expected success, got \(result)")
            return
        }
        #expect(response.status == 200)
        #expect(await client.limits.concurrency.peakInFlight == 1)
        #expect(await client.limits.concurrency.inFlight == 0)
    }
}
