import AWSCore
import Foundation
import Testing

/// Transports map their own failures: what comes out of `execute` is a `TransportError`, never a NIO or
/// AsyncHTTPClient type, so the client needs no knowledge of the HTTP library.
@Suite struct TransportErrorMappingTests {
    @Test func asyncHTTPTransportThrowsTransportErrorForARefusedConnection() async throws {
        let port = try closedLoopbackPort()
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(2))
        do {
            _ = try await transport.execute(
                HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:\(port)/")!), timeout: TransportTimeouts()
            )
            Issue.record("expected a refused connection")
        } catch let error as TransportError {
            #expect(error == .connectFailed("http://127.0.0.1:\(port) refused the connection"))
        } catch {
            Issue.record("the transport let a foreign error through: \(type(of: error)) \(error)")
        }
        try await transport.shutdown()
    }

    @Test func aForeignErrorFromACustomTransportIsKeptReadable() async throws {
        struct Odd: Error, CustomStringConvertible { var description: String { "odd failure" } }
        struct BrokenTransport: HTTPTransport {
            func execute(_ request: HTTPRequest, timeout: TransportTimeouts) async throws -> HTTPResponse {
                throw Odd()
            }
        }
        let client = AWSClient(
            region: "us-east-1", credentialProvider: AWSClient.FixedCredentials(testCredentials),
            endpoints: .url(URL(string: "http://127.0.0.1:4566")!), transport: BrokenTransport(), readOnly: true,
            sleeper: RecordingSleeper(), random: .constant(0.5))
        await #expect(
            throws: AWSClientError.transport(
                service: "SageMaker", operation: "ListEndpoints", error: .connectionReset("odd failure"), attempts: 3)
        ) {
            _ = try await client.sageMaker.listEndpoints()
        }
    }
}
