/// The result of an approve or reject.
public struct ApprovalResult: Sendable, Equatable, Codable {
    /// The version after the change.
    public var version: ModelVersion
    /// The status before the change.
    public var previousStatus: ApprovalStatus
    /// The approval description written.
    public var approvalDescription: String
    /// Warnings (e.g. a rejected version is deployed somewhere).
    public var warnings: [String]

    /// Creates a result.
    public init(version: ModelVersion, previousStatus: ApprovalStatus, approvalDescription: String, warnings: [String])
    {
        self.version = version
        self.previousStatus = previousStatus
        self.approvalDescription = approvalDescription
        self.warnings = warnings
    }
}
