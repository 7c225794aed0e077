/// What an approve or reject is decided on at the moment of acting: the request and the version as just
/// described (`ApprovalService` gathers it; `ApprovalDecision` judges it without I/O).
public struct ApprovalFacts: Sendable, Equatable {
    /// The model package group, as the operator named it.
    public var group: String
    /// The version number, as the operator named it.
    public var version: Int
    /// The status asked for (`approved` or `rejected`).
    public var decision: ApprovalStatus
    /// The status the operator saw (what they named, else what was read before the lock was taken).
    public var expectedStatus: ApprovalStatus
    /// The version now.
    public var current: ModelVersion

    /// Creates the facts of an approval.
    public init(
        group: String, version: Int, decision: ApprovalStatus, expectedStatus: ApprovalStatus, current: ModelVersion
    ) {
        self.group = group
        self.version = version
        self.decision = decision
        self.expectedStatus = expectedStatus
        self.current = current
    }
}
