/// SageMaker's `ModelApprovalStatus` values, with the CLI's short names.
public enum ApprovalStatus: String, Sendable, Equatable, Codable, CaseIterable {
    /// Waiting for a person.
    case pending = "PendingManualApproval"
    /// Approved for deployment.
    case approved = "Approved"
    /// Rejected.
    case rejected = "Rejected"

    /// Parses `pending`, `approved`, `rejected` or SageMaker's own spelling, case-insensitively.
    public init?(cliValue: String) {
        switch cliValue.lowercased() {
        case "pending", "pendingmanualapproval": self = .pending
        case "approved": self = .approved
        case "rejected": self = .rejected
        default: return nil
        }
    }
}
