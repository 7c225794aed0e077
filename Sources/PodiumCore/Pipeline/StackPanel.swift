import Foundation

/// A stack on the pipeline screen: its status, its latest events (newest first) and the **first** failed event of
/// its latest operation - the one that caused the rest, which is what people look for during a deployment.
public struct StackPanel: Sendable, Equatable, Codable {
    /// The stack name.
    public var name: String
    /// `StackStatus`, `nil` when the stack does not exist or could not be read.
    public var status: String?
    /// `StackStatusReason`.
    public var statusReason: String?
    /// When the stack last changed (its events are read again only when this moves).
    public var lastUpdated: Date?
    /// The latest events, newest first (one DescribeStackEvents page).
    public var events: [StackEventLine]
    /// The first failed resource event of the latest operation, if any.
    public var firstFailed: StackEventLine?
    /// Why the stack could not be read (`cloudformation:DescribeStackEvents was refused`, does not exist…).
    public var problem: String?

    /// Creates a panel; `firstFailed` is worked out from `events`.
    public init(
        name: String, status: String?, statusReason: String? = nil, lastUpdated: Date? = nil,
        events: [StackEventLine] = [], problem: String? = nil
    ) {
        self.name = name
        self.status = status
        self.statusReason = statusReason
        self.lastUpdated = lastUpdated
        self.events = events
        self.problem = problem
        self.firstFailed = Self.firstFailed(events, stack: name)
    }

    /// The oldest `*_FAILED` event of a resource (not the stack itself) in the latest operation: the events since
    /// the newest stack-level `CREATE_IN_PROGRESS`/`UPDATE_IN_PROGRESS`/`DELETE_IN_PROGRESS` (newest first in,
    /// as DescribeStackEvents answers). Failures of earlier operations are history, not the current cause.
    public static func firstFailed(_ events: [StackEventLine], stack: String) -> StackEventLine? {
        let starts: Set<String> = ["CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "DELETE_IN_PROGRESS"]
        let operation: ArraySlice<StackEventLine>
        if let start = events.firstIndex(where: { isStackLevel($0, stack: stack) && starts.contains($0.status) }) {
            operation = events[...start]
        } else {
            operation = events[...]
        }
        return operation.last { $0.isFailure && !isStackLevel($0, stack: stack) }
            ?? operation.last { $0.isFailure }
    }

    static func isStackLevel(_ event: StackEventLine, stack: String) -> Bool {
        event.resourceType == "AWS::CloudFormation::Stack" || event.logicalId == stack
    }
}
