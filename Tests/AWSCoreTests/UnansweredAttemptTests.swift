import Foundation
import Testing

@testable import AWSCore

/// AWSCore retries a write whose attempt got no answer, as botocore's standard mode does; when a retry is then
/// answered with an error, the error says an earlier attempt went unanswered (it may have been carried out).
@Suite struct UnansweredAttemptTests {
    static let validation = jsonReply(
        #"{"__type":"ValidationException","message":"Cannot update in-progress endpoint"}"#, status: 400)
    static let input = UpdateEndpointInput(endpointName: "churn-dev", endpointConfigName: "churn-dev-v4")

    @Test func aRetryAnsweredAfterAReadTimeoutSaysSo() async throws {
        let transport = RecordingTransport(script: [.failure(.timedOut("no response within 1 s")), Self.validation])
        let client = makeTestClient(transport: transport)
        let error = await #expect(throws: AWSServiceError.self) {
            _ = try await client.sageMaker.updateEndpoint(Self.input)
        }
        #expect(error?.code == "ValidationException" && error?.afterUnansweredAttempt == true)
        #expect(await transport.requests.count == 2)
    }

    @Test func anAnswerWithoutAnUnansweredAttemptBeforeItDoesNot() async throws {
        for first in [RecordingTransport.Reply.failure(.connectFailed("refused")), .failure(.timedOut("connect: x"))] {
            let transport = RecordingTransport(script: [first, Self.validation])
            let client = makeTestClient(transport: transport)
            let error = await #expect(throws: AWSServiceError.self) {
                _ = try await client.sageMaker.updateEndpoint(Self.input)
            }
            #expect(error?.afterUnansweredAttempt == false)
        }
    }

    @Test func whichTransportFailuresMayHaveReachedTheService() {
        #expect(TransportError.timedOut("no response from http://x within 1 s").mayHaveReachedService)
        #expect(TransportError.connectionReset("reset").mayHaveReachedService)
        #expect(!TransportError.timedOut("http://x: connect: timeout").mayHaveReachedService)
        #expect(!TransportError.connectFailed("refused").mayHaveReachedService)
        #expect(!TransportError.cancelled.mayHaveReachedService)
    }
}
