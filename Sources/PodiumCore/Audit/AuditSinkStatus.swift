import Foundation

/// Where the sink stands, for a status line or `podium audit`: how many records wait and why.
public struct AuditSinkStatus: Sendable, Equatable {
    /// Records written to the local log that CloudWatch Logs has not acknowledged yet.
    public var pending: Int
    /// Records sent by the last attempt.
    public var sent: Int
    /// Records CloudWatch Logs refused for good (too old or too new), since the process started.
    public var rejected: Int
    /// Why the last attempt failed (`nil` when it succeeded).
    public var lastError: String?
    /// When the last attempt ended.
    public var lastAttempt: Date?

    /// Creates a status.
    public init(pending: Int = 0, sent: Int = 0, rejected: Int = 0, lastError: String? = nil, lastAttempt: Date? = nil)
    {
        self.pending = pending
        self.sent = sent
        self.rejected = rejected
        self.lastError = lastError
        self.lastAttempt = lastAttempt
    }

    /// One line for a person: `audit: 3 record(s) not yet in CloudWatch Logs group g (…); queued in …`.
    public func summary(group: String, logPath: String) -> String? {
        if let lastError {
            return
                "audit: \(pending) record(s) not yet sent to CloudWatch Logs group \(group) (\(lastError)); they are kept in \(logPath) and sent by the next podium run"
        }
        if rejected > 0 {
            return
                "audit: CloudWatch Logs group \(group) refused \(rejected) record(s) as too old or too new; they are only in \(logPath)"
        }
        return nil
    }
}
