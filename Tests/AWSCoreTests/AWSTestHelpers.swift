import AWSCore
import Foundation
import Logging

/// Fixed credentials for tests; the secret and token are distinctive so log checks can look for them.
let testCredentials = AWSCredentials(
    accessKeyId: "AKIDTESTEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETKEY",
    sessionToken: "SESSIONTOKEN-FQoGZXIvYXdzEXAMPLE")

/// A fixed signing time.
let testDate = Date(timeIntervalSince1970: 1_700_000_000)

/// A client on a recording transport, an injected sleeper and fixed randomness.
func makeTestClient(
    transport: RecordingTransport, readOnly: Bool = false, sleeper: any AWSSleeper = RecordingSleeper(),
    random: AWSRandom = .constant(0.5), logger: Logger = Logger(label: "test"),
    endpoint: URL? = URL(string: "http://127.0.0.1:4566")
) -> AWSClient {
    AWSClient(
        region: "us-east-1", credentialProvider: AWSClient.FixedCredentials(testCredentials),
        endpoints: endpoint.map { .url($0) } ?? .standard,
        transport: transport, readOnly: readOnly, logger: logger, sleeper: sleeper, random: random,
        now: { testDate })
}

/// A JSON reply.
func jsonReply(_ body: String, status: Int = 200, headers: [(name: String, value: String)] = [])
    -> RecordingTransport.Reply
{
    .response(
        HTTPResponse(
            status: status, headers: [("Content-Type", "application/x-amz-json-1.1")] + headers, body: Array(body.utf8))
    )
}

/// An XML reply.
func xmlReply(_ body: String, status: Int = 200, contentType: String = "text/xml") -> RecordingTransport.Reply {
    .response(HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: Array(body.utf8)))
}

/// The JSON object of a request body.
func jsonBody(_ request: HTTPRequest) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
}

/// Collects every log line and its metadata, rendered as text, for assertions.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    /// Everything logged so far, one entry per line.
    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return lines.joined(separator: "\n")
    }

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    /// A logger at trace level writing into this capture.
    func logger() -> Logger {
        var logger = Logger(label: "capture") { _ in CaptureHandler(capture: self) }
        logger.logLevel = .trace
        return logger
    }
}

/// A `LogHandler` that renders each record with all its metadata into a `LogCapture`.
struct CaptureHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        capture.append("\(event.level) \(event.message) \(rendered)")
    }
}
