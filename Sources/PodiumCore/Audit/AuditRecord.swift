import Foundation

/// One event of an attempted mutation, as one line of the audit log. A change writes `started` (with the plan)
/// before its first AWS write and one outcome record after it, both with the same `attempt` id.
public struct AuditRecord: Sendable, Equatable, Codable {
    /// What the record says about its attempt.
    public enum Outcome: String, Sendable, Equatable, Codable, CaseIterable {
        /// The attempt is about to make its first AWS write (written before it; the plan is in `plan`).
        case started
        /// It did what the plan said.
        case success
        /// It failed (AWS error, deployment failed or rolled back).
        case failure
        /// It was refused before changing anything (gate, read-only, changed since seen, not confirmed, busy).
        case refused
        /// A signal (SIGINT, SIGTERM, SIGHUP) or the console closing stopped it; `error` lists the calls made.
        case interrupted
        /// A later run found its `started` record with no outcome (the process was killed) and marked it.
        case abandoned
        /// A write got no answer and re-reading the state did not show its effect: it may have landed, or may
        /// still land (`error` says what was sent and what the re-read saw). A re-run treats it as unfinished.
        case unknown

        /// Whether the record ends its attempt (every outcome but `started`).
        public var isFinal: Bool { self != .started }
    }

    /// When the event happened.
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
    /// The error message, for failures, refusals and interruptions (never a credential helper's output).
    public var error: String?
    /// The attempt this record belongs to (shared by its `started` and outcome records); `nil` in old logs.
    public var attempt: String?
    /// The process that wrote it (to tell a running attempt from a killed one).
    public var pid: Int32?
    /// The host that wrote it.
    public var host: String?
    /// For promote and rollback: the endpoint config the change moves the endpoint to (so a re-run can tell
    /// that an interrupted change already took effect).
    public var endpointConfig: String?
    /// The record's own id, unique per record (an attempt's `started` and outcome records have different ids).
    /// `AuditLog.append` gives a record without one a random id; a line of an old log without one is given
    /// `AuditRecordID.legacy` of its bytes when read. The CloudWatch Logs sink sends it and the team reader
    /// de-duplicates by it, so a record sent twice (a lost acknowledgement) is shown once.
    public var id: String?
    /// The equivalent podium command, shell-quoted (`AuditCommandLine`), so what happened in the console can be
    /// read and replayed as a script; `nil` in old logs.
    public var command: String?

    /// Creates a record.
    public init(
        time: Date, operatorArn: String, environment: String, action: DeploymentAction, target: String, plan: [String],
        outcome: Outcome, error: String? = nil, attempt: String? = nil, pid: Int32? = nil, host: String? = nil,
        endpointConfig: String? = nil, id: String? = nil, command: String? = nil
    ) {
        self.time = time
        self.operatorArn = operatorArn
        self.environment = environment
        self.action = action
        self.target = target
        self.plan = plan
        self.outcome = outcome
        self.error = error
        self.attempt = attempt
        self.pid = pid
        self.host = host
        self.endpointConfig = endpointConfig
        self.id = id
        self.command = command
    }

    enum CodingKeys: String, CodingKey {
        case time
        case operatorArn = "operator"
        case environment, action, target, plan, outcome, error, attempt, pid, host
        case endpointConfig = "endpoint_config"
        case id, command
    }
}
