import Foundation

/// One log event of an endpoint's log group, as CloudWatch Logs stored it (the message is raw: front ends
/// sanitise it before showing it).
public struct LogLine: Sendable, Equatable, Codable {
    /// When it was logged.
    public var time: Date
    /// The log stream (`AllTraffic/i-0abc…`).
    public var stream: String
    /// The message, raw.
    public var message: String

    /// Creates a line.
    public init(time: Date, stream: String, message: String) {
        self.time = time
        self.stream = stream
        self.message = message
    }
}
