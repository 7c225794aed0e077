import Foundation

/// One row of the activity screen: an action from the audit log (its started and outcome records as one, see
/// `ActivityPairing`) or an approval change.
public struct ActivityRow: Sendable, Equatable {
    /// When it happened.
    public var time: Date
    /// Who did it.
    public var actor: String
    /// Where (environment or `registry`).
    public var place: String
    /// What (`approve`, `promote`, `Approved`).
    public var what: String
    /// On what.
    public var target: String
    /// Outcome or comment.
    public var detail: String
    /// Whether it failed or was refused, or its outcome was never recorded: it needs attention.
    public var isProblem: Bool
    /// Whether it is an action that started and may still be running (no outcome yet): shown dim, not as a problem.
    public var inProgress = false
}
