import AWSCore

/// The IAM actions AWS refused during a session's reads that degrade rather than fail: metrics, alarms, the
/// config → model chain, evaluation reports, version details. The console shows such partial data with the error
/// beside it; the CLI fails once it has printed what it could (`podium status` exits 1 naming the actions), since a
/// script must not take a partial answer for a whole one, and a missing IAM action is a setup error to fix.
public actor AccessDenials {
    private var actions: [String] = []

    /// Creates an empty record.
    public init() {}

    /// Records `error` when it is an access denial.
    public func record(_ error: any Error) {
        guard let denial = error as? AWSServiceError, denial.isAccessDenied else { return }
        if !actions.contains(denial.iamAction) { actions.append(denial.iamAction) }
    }

    /// The refused IAM actions (`cloudwatch:GetMetricData`), in the order first seen.
    public var refused: [String] { actions }
}
