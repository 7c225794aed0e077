import Foundation

/// One stack event as the pipeline screen shows it.
public struct StackEventLine: Sendable, Equatable, Codable {
    /// When.
    public var time: Date
    /// The resource's logical id (the stack's own name for stack-level events).
    public var logicalId: String
    /// `AWS::SageMaker::Endpoint`, `AWS::CloudFormation::Stack`, …
    public var resourceType: String
    /// `UPDATE_IN_PROGRESS`, `UPDATE_FAILED`, …
    public var status: String
    /// CloudFormation's reason, when it gave one (raw: front ends sanitise it).
    public var reason: String?

    /// Creates an event line.
    public init(time: Date, logicalId: String, resourceType: String, status: String, reason: String? = nil) {
        self.time = time
        self.logicalId = logicalId
        self.resourceType = resourceType
        self.status = status
        self.reason = reason
    }

    /// Whether the event is a failure (`*_FAILED`).
    public var isFailure: Bool { status.hasSuffix("_FAILED") }
}
