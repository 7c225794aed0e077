import Foundation

/// A transport for tests: records every request and answers from a script of canned responses or errors.
///
/// It lives in AWSCore (not a test target) so the tests of PodiumCore and the console can use it too.
public actor RecordingTransport: HTTPTransport {
    /// One scripted reply.
    public enum Reply: Sendable {
        /// Answer with this response.
        case response(HTTPResponse)
        /// Fail with this transport error.
        case failure(TransportError)
    }

    /// The requests received, in order (after signing, exactly as they would go on the wire).
    public private(set) var requests: [HTTPRequest] = []
    /// The timeouts passed with each request.
    public private(set) var timeouts: [TransportTimeouts] = []
    private var script: [Reply]
    private let fallback: (@Sendable (HTTPRequest) -> Reply)?

    /// Creates a transport that replies from `script` in order, then with `fallback` (or HTTP 500 when absent).
    public init(script: [Reply] = [], fallback: (@Sendable (HTTPRequest) -> Reply)? = nil) {
        self.script = script
        self.fallback = fallback
    }

    /// Creates a transport that always answers `status` with a JSON body.
    public static func json(_ body: String, status: Int = 200) -> RecordingTransport {
        RecordingTransport(fallback: { _ in
            .response(
                HTTPResponse(
                    status: status, headers: [("Content-Type", "application/x-amz-json-1.1")], body: Array(body.utf8)))
        })
    }

    /// Adds replies to the end of the script.
    public func enqueue(_ replies: Reply...) {
        script.append(contentsOf: replies)
    }

    /// Forgets the recorded requests.
    public func clear() {
        requests.removeAll()
        timeouts.removeAll()
    }

    /// The `X-Amz-Target` / `Action` operation names of the recorded requests.
    public var operations: [String] {
        requests.map { request in
            if let target = request.header("X-Amz-Target") { return String(target.split(separator: ".").last ?? "") }
            let body = String(decoding: request.body, as: UTF8.self)
            for pair in body.split(separator: "&") where pair.hasPrefix("Action=") {
                return String(pair.dropFirst("Action=".count))
            }
            return "\(request.method) \(request.url.path)"
        }
    }

    /// Records the request and returns the next scripted reply.
    public func execute(_ request: HTTPRequest, timeout: TransportTimeouts) async throws -> HTTPResponse {
        if Task.isCancelled { throw TransportError.cancelled }
        requests.append(request)
        timeouts.append(timeout)
        let reply: Reply
        if !script.isEmpty {
            reply = script.removeFirst()
        } else if let fallback {
            reply = fallback(request)
        } else {
            reply = .response(HTTPResponse(status: 500, body: Array("no scripted reply".utf8)))
        }
        switch reply {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }
}
