import Foundation

/// One attempted mutation, as one line of the audit log.
public struct AuditRecord: Sendable, Equatable, Codable {
    /// How the attempt ended.
    public enum Outcome: String, Sendable, Equatable, Codable {
        /// It did what the plan said.
        case success
        /// It failed (AWS error, deployment failed or rolled back).
        case failure
        /// It was refused before changing anything (gate, read-only, changed since seen, not confirmed).
        case refused
    }

    /// When the attempt ended.
    public var time: Date
    /// The caller ARN (`GetCallerIdentity`), or `unknown` if it could not be found.
    public var operatorArn: String
    /// The environment (`registry` for approvals).
    public var environment: String
    /// The action.
    public var action: DeploymentAction
    /// What it acted on: a package ARN, or an endpoint name.
    public var target: String
    /// The plan's steps, one line each.
    public var plan: [String]
    /// The outcome.
    public var outcome: Outcome
    /// The error message, for failures and refusals.
    public var error: String?

    /// Creates a record.
    public init(
        time: Date, operatorArn: String, environment: String, action: DeploymentAction, target: String, plan: [String],
        outcome: Outcome, error: String? = nil
    ) {
        self.time = time
        self.operatorArn = operatorArn
        self.environment = environment
        self.action = action
        self.target = target
        self.plan = plan
        self.outcome = outcome
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case time
        case operatorArn = "operator"
        case environment, action, target, plan, outcome, error
    }
}
