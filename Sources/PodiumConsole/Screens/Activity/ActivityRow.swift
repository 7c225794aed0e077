import Foundation

/// One row of the activity screen: an audit record or an approval change.
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
    /// Whether it failed or was refused.
    public var isProblem: Bool
}
