import Foundation

/// One version (model package) of a group.
public struct ModelVersion: Sendable, Equatable, Codable {
    /// The group name.
    public var group: String
    /// The version number.
    public var version: Int
    /// The model package ARN.
    public var arn: String
    /// SageMaker's `ModelApprovalStatus` (`PendingManualApproval`, `Approved`, `Rejected`).
    public var status: ApprovalStatus
    /// When it was registered.
    public var created: Date
    /// Who registered it, when SageMaker knows.
    public var createdBy: String?
    /// The package description.
    public var description: String?
    /// The approval description (comment, approver, time when set by podium).
    public var approvalDescription: String?
    /// When it was last changed.
    public var lastModified: Date?
    /// Who changed it last, when SageMaker knows (else parsed from a podium approval description).
    public var lastModifiedBy: String?

    /// Creates a version record.
    public init(
        group: String, version: Int, arn: String, status: ApprovalStatus, created: Date, createdBy: String? = nil,
        description: String? = nil, approvalDescription: String? = nil, lastModified: Date? = nil,
        lastModifiedBy: String? = nil
    ) {
        self.group = group
        self.version = version
        self.arn = arn
        self.status = status
        self.created = created
        self.createdBy = createdBy
        self.description = description
        self.approvalDescription = approvalDescription
        self.lastModified = lastModified
        self.lastModifiedBy = lastModifiedBy
    }
}
