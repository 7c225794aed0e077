import AWSCore
import Foundation
import Testing

@Suite struct LoggingTests {
    @Test func debugLogHasOperationAttemptStatusLatencyButNoSecrets() async throws {
        let capture = LogCapture()
        let transport = RecordingTransport(script: [
            jsonReply(#"{"__type":"ThrottlingException"}"#, status: 400, headers: [("x-amzn-RequestId", "rid-7")]),
            jsonReply(#"{"Endpoints":[]}"#, headers: [("x-amzn-RequestId", "rid-8")]),
        ])
        let client = makeTestClient(transport: transport, logger: capture.logger())
        _ = try await client.sageMaker.listEndpoints()
        let log = capture.text
        #expect(log.contains("aws.operation=ListEndpoints"))
        #expect(log.contains("aws.attempt=1"))
        #expect(log.contains("aws.attempt=2"))
        #expect(log.contains("aws.status=400"))
        #expect(log.contains("aws.status=200"))
        #expect(log.contains("aws.latency_ms="))
        #expect(log.contains("aws.request_id=rid-8"))
        #expect(log.contains("aws.error=ThrottlingException"))
        // What must never appear: the signature header, the secret, the session token.
        let sent = try #require(await transport.requests.first?.header("Authorization"))
        let signature = try #require(sent.components(separatedBy: "Signature=").last)
        #expect(!log.contains(testCredentials.secretAccessKey))
        #expect(!log.contains(try #require(testCredentials.sessionToken)))
        #expect(!log.localizedCaseInsensitiveContains("authorization"))
        #expect(!log.contains(signature))
        #expect(!log.contains("AWS4-HMAC-SHA256"))
    }

    @Test func credentialsDescriptionHidesTheSecret() {
        #expect(!"\(testCredentials)".contains(testCredentials.secretAccessKey))
    }
}
