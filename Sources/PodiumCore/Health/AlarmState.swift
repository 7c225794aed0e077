import Foundation

/// The state of one configured CloudWatch alarm.
public struct AlarmState: Sendable, Equatable, Codable {
    /// The alarm name.
    public var name: String
    /// `OK`, `ALARM`, `INSUFFICIENT_DATA`, or `MISSING` when the alarm does not exist.
    public var state: String
    /// CloudWatch's reason text, when given.
    public var reason: String?
    /// When the state last changed.
    public var updated: Date?

    /// Creates an alarm state.
    public init(name: String, state: String, reason: String? = nil, updated: Date? = nil) {
        self.name = name
        self.state = state
        self.reason = reason
        self.updated = updated
    }
}
