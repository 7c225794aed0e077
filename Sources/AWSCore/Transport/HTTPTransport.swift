import Foundation

/// One HTTP request as it goes on the wire, after signing.
public struct HTTPRequest: Sendable {
    /// The HTTP method, upper case (`GET`, `POST`, `PUT`).
    public var method: String
    /// The full URL, including the query string.
    public var url: URL
    /// Header fields in order. Names compare case-insensitively.
    public var headers: Headers
    /// The body bytes; empty for none.
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, url: URL, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = Headers(headers)
        self.body = body
    }

    /// The first value of a header, compared case-insensitively (`headers[name]`).
    public func header(_ name: String) -> String? {
        headers[name]
    }
}

/// One HTTP response, fully read.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields in order. Names compare case-insensitively.
    public var headers: Headers
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = Headers(headers)
        self.body = body
    }

    /// The first value of a header, compared case-insensitively (`headers[name]`).
    public func header(_ name: String) -> String? {
        headers[name]
    }
}

/// The seam between the AWS client and the network. Tests swap in a recording transport.
///
/// An implementation maps its own failures: it throws only `TransportError` (connection failures, timeouts,
/// resets, `.cancelled`), so the client never needs to know which HTTP library is underneath.
public protocol HTTPTransport: Sendable {
    /// Sends a request and reads the whole response. Throws `TransportError` on connection failures
    /// and timeouts; a cancelled task aborts the request.
    func execute(_ request: HTTPRequest, timeout: TransportTimeouts) async throws -> HTTPResponse
}

/// Connect and read timeouts for one attempt.
public struct TransportTimeouts: Sendable, Equatable {
    /// How long to wait for the TCP (and TLS) connection.
    public var connect: Duration
    /// How long to wait for the whole response once connected.
    public var read: Duration

    /// Creates timeouts.
    public init(connect: Duration = .seconds(10), read: Duration = .seconds(60)) {
        self.connect = connect
        self.read = read
    }
}

/// Failures below HTTP: the request may or may not have reached the server.
public enum TransportError: Error, Sendable, Equatable {
    /// The connection could not be made (refused, DNS, TLS).
    case connectFailed(String)
    /// The connect or read timeout ran out.
    case timedOut(String)
    /// The connection was closed or reset before a full response arrived.
    case connectionReset(String)
    /// The task was cancelled and the request aborted.
    case cancelled
}

extension TransportError {
    /// Whether the request may have reached the service before this failure (a read timeout, or a connection
    /// closed before a full answer), so the service may have carried it out; `false` when no connection was made
    /// (refused, a connect timeout) or the task was cancelled.
    public var mayHaveReachedService: Bool {
        switch self {
        case .timedOut(let reason): return !reason.contains("connect:")
        case .connectionReset: return true
        case .connectFailed, .cancelled: return false
        }
    }

    /// The error a transport threw, as a `TransportError`. Conforming transports throw one already; anything else
    /// (a transport that broke the contract) is kept readable as a reset rather than lost.
    init(_ error: any Error) {
        if let error = error as? TransportError {
            self = error
        } else if error is CancellationError {
            self = .cancelled
        } else {
            self = .connectionReset(String(describing: error))
        }
    }
}
