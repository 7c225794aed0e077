import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The production `HTTPTransport`: AsyncHTTPClient over SwiftNIO.
///
/// Use `AsyncHTTPTransport.shared` (process-wide, never shut down) or create one and call `shutdown()` when
/// done. The connect timeout is fixed when the client is created (AsyncHTTPClient sets it per client); the
/// read timeout of each call bounds the whole exchange. Connection failures, resets, timeouts and
/// cancellation become `TransportError`.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let ownsClient: Bool
    /// The largest response body accepted (64 MiB); larger bodies fail as `connectionReset`.
    public let maxResponseBytes: Int

    /// The process-wide transport (its client lives as long as the process); `shutdown()` on it does nothing.
    public static let shared = AsyncHTTPTransport(
        client: HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: makeConfiguration(connectTimeout: .seconds(10))),
        ownsClient: false)

    /// The most connections kept to one host: the largest `aws.max_concurrent_requests` podium accepts.
    public static let maxConnectionsPerHost = 64

    /// The client configuration: no redirects, no decompression, HTTP/1.1, and no connection retries inside
    /// AsyncHTTPClient (its pool would otherwise retry a refused connection until the request deadline);
    /// the retry policy decides instead, as botocore's does.
    static func makeConfiguration(connectTimeout: Duration) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .nanoseconds(connectTimeout.nanosecondsClamped)
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.httpVersion = .http1Only
        configuration.connectionPool.retryConnectionEstablishment = false
        // The in-flight bound is `RequestLimiter`'s (config `aws.max_concurrent_requests`, up to 64); the pool's
        // own per-host default of 8 would silently cap a larger setting.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maxConnectionsPerHost
        return configuration
    }

    /// Creates a transport with its own `HTTPClient`; call `shutdown()` before it is released.
    public init(connectTimeout: Duration = TransportTimeouts().connect, maxResponseBytes: Int = 64 << 20) {
        client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: Self.makeConfiguration(connectTimeout: connectTimeout))
        ownsClient = true
        self.maxResponseBytes = maxResponseBytes
    }

    private init(client: HTTPClient, ownsClient: Bool) {
        self.client = client
        self.ownsClient = ownsClient
        maxResponseBytes = 64 << 20
    }

    /// Shuts the underlying `HTTPClient` down (no-op for `shared`).
    public func shutdown() async throws {
        guard ownsClient else { return }
        try await client.shutdown()
    }

    /// Sends the request and collects the whole response within `timeout.read`.
    public func execute(_ request: HTTPRequest, timeout: TransportTimeouts) async throws -> HTTPResponse {
        if Task.isCancelled { throw TransportError.cancelled }
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout.read.nanosecondsClamped))
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            var buffer = try await response.body.collect(upTo: maxResponseBytes)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            return HTTPResponse(
                status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: bytes)
        } catch {
            throw Self.map(error).naming(origin: Self.origin(of: request.url), readTimeout: timeout.read)
        }
    }

    /// `scheme://host[:port]` of a URL: what an error names as the endpoint (never the path or query).
    static func origin(of url: URL) -> String {
        var text = "\(url.scheme ?? "https")://\(url.host ?? "?")"
        if let port = url.port { text += ":\(port)" }
        return text
    }

    /// Maps AsyncHTTPClient/NIO errors to `TransportError`: the transport's own job, so the client sees only
    /// `TransportError`.
    private static func map(_ error: any Error) -> TransportError {
        if let error = error as? TransportError { return error }
        if error is CancellationError { return .cancelled }
        if let error = error as? HTTPClientError {
            switch error {
            case .cancelled: return .cancelled
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return .timedOut("connect: \(error)")
            case .deadlineExceeded, .readTimeout, .writeTimeout: return .timedOut("read: \(error)")
            case .remoteConnectionClosed: return .connectionReset("remote closed the connection")
            case .invalidURL, .emptyHost, .emptyScheme: return .connectFailed("\(error)")
            default: return .connectionReset("\(error)")
            }
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNRESET, EPIPE: return .connectionReset("connection reset by peer")
            case ECONNREFUSED: return .connectFailed("connection refused")
            case ETIMEDOUT: return .timedOut("\(error)")
            default: return .connectionReset("\(error)")
            }
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return .timedOut("connect: \(error)")
            default: return .connectionReset("\(error)")
            }
        }
        if error is NIOTooManyBytesError { return .connectionReset("response body too large") }
        let text = String(describing: error)
        // NIOPosix's NIOConnectionError (not imported here) carries the per-address connect failures.
        if text.localizedCaseInsensitiveContains("refused") { return .connectFailed("connection refused") }
        if text.contains("NIOConnectionError") { return .connectFailed(text) }
        return .connectionReset(text)
    }
}

extension Duration {
    /// The duration in nanoseconds, clamped to `Int64`.
    var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        if seconds > Int64.max / 1_000_000_000 { return Int64.max }
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension TransportError {
    /// The same failure with the endpoint (and, for a read timeout, the limit) in its reason, so the message
    /// says which address could not be reached: `could not connect (http://127.0.0.1:4566 refused the connection)`.
    func naming(origin: String, readTimeout: Duration) -> TransportError {
        switch self {
        case .connectFailed(let reason):
            if reason == "connection refused" { return .connectFailed("\(origin) refused the connection") }
            return .connectFailed("\(origin): \(reason)")
        case .timedOut(let reason):
            if reason.hasPrefix("read:") {
                return .timedOut("no response from \(origin) within \(Self.seconds(readTimeout))")
            }
            return .timedOut("\(origin): \(reason)")
        case .connectionReset(let reason):
            return .connectionReset("\(origin): \(reason)")
        case .cancelled:
            return .cancelled
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.nanosecondsClamped) / 1_000_000_000
        return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
