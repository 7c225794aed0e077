import Foundation

/// What the audit sink and the team reader need from CloudWatch Logs. `CloudWatchLogsAuditTransport` is the
/// real one (AWSCore, real HTTP and SigV4); unit tests use an in-memory one.
public protocol AuditLogTransport: Sendable {
    /// `PutLogEvents` of `events` (already in chronological order) to `stream` in `group`. Returns how many of
    /// them CloudWatch Logs refused as too old, too new or expired (they will never be accepted).
    /// Throws `AuditTransportError.streamMissing` when the stream does not exist (the sink then creates it).
    func put(group: String, stream: String, events: [AuditLogEvent]) async throws -> AuditPutResult

    /// `CreateLogStream`; a stream that already exists is not an error.
    func createStream(group: String, stream: String) async throws

    /// One page of `FilterLogEvents` over every stream of `group` between `start` and `end` (inclusive, ms).
    func filter(group: String, start: Date, end: Date, nextToken: String?) async throws -> AuditFilterPage
}

/// One event for `PutLogEvents`: a record's JSON line and its timestamp.
public struct AuditLogEvent: Sendable, Equatable {
    /// Milliseconds since 1970.
    public var timestamp: Int
    /// The record's JSON (one line, as in the local log).
    public var message: String

    /// Creates an event.
    public init(timestamp: Int, message: String) {
        self.timestamp = timestamp
        self.message = message
    }
}

/// What `PutLogEvents` answered.
public struct AuditPutResult: Sendable, Equatable {
    /// Events refused for good (too old, too new, expired); they stay in the local log only.
    public var rejected: Int

    /// Creates a result.
    public init(rejected: Int = 0) {
        self.rejected = rejected
    }
}

/// One page of `FilterLogEvents`: the events' messages (oldest first) and the token of the next page.
public struct AuditFilterPage: Sendable, Equatable {
    /// The messages.
    public var messages: [String]
    /// The next page's token, `nil` at the end.
    public var nextToken: String?

    /// Creates a page.
    public init(messages: [String], nextToken: String?) {
        self.messages = messages
        self.nextToken = nextToken
    }
}

/// Errors of the transport the sink treats specially.
public enum AuditTransportError: Error, Sendable, Equatable {
    /// The log stream does not exist (the sink creates it and sends again).
    case streamMissing
}
