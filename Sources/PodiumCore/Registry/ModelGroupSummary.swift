import Foundation

/// A model package group with its version counts per approval state and its latest version.
public struct ModelGroupSummary: Sendable, Equatable, Codable {
    /// The group name.
    public var name: String
    /// The group ARN.
    public var arn: String
    /// The group's description.
    public var description: String?
    /// When the group was created.
    public var created: Date
    /// Versions waiting for approval.
    public var pending: Int
    /// Approved versions.
    public var approved: Int
    /// Rejected versions.
    public var rejected: Int
    /// The highest version number, if any.
    public var latestVersion: Int?
    /// The latest version's approval status.
    public var latestStatus: ApprovalStatus?
    /// Set when the versions could not be listed; counts are then zero.
    public var problem: String?

    /// Creates a summary.
    public init(
        name: String, arn: String, description: String?, created: Date, pending: Int = 0, approved: Int = 0,
        rejected: Int = 0, latestVersion: Int? = nil, latestStatus: ApprovalStatus? = nil, problem: String? = nil
    ) {
        self.name = name
        self.arn = arn
        self.description = description
        self.created = created
        self.pending = pending
        self.approved = approved
        self.rejected = rejected
        self.latestVersion = latestVersion
        self.latestStatus = latestStatus
        self.problem = problem
    }
}
