import PodiumCore
import TerminalUI

/// A pane shown over the current screen that takes the keys while it is open.
public enum ConsoleOverlay: Sendable {
    /// The `?` help, generated from the key map.
    case help(scroll: Int)
    /// The `/` filter line (the filter applies as it is typed).
    case filter(LineEditor)
    /// The `:` command line, with completion.
    case command(LineEditor)
    /// A comment for an approval or rejection (required).
    case comment(CommentPrompt)
    /// "Quit podium?" (y/n).
    case confirmQuit
    /// The target picker of a promotion.
    case promotePicker(PromotePicker)
    /// A plan being prepared, or ready for confirmation.
    case plan(PlanPane)
}

/// The comment prompt of an approve or reject.
public struct CommentPrompt: Sendable, Equatable {
    /// The version acted on.
    public var key: VersionKey
    /// Approve or reject.
    public var decision: ApprovalStatus
    /// The status the operator saw (sent as the expected status).
    public var seenStatus: String
    /// The editor.
    public var editor: LineEditor
    /// Set after Enter on an empty comment.
    public var emptyRefused = false

    /// Creates a prompt.
    public init(key: VersionKey, decision: ApprovalStatus, seenStatus: String) {
        self.key = key
        self.decision = decision
        self.seenStatus = seenStatus
        self.editor = LineEditor(maxLength: 600)
    }
}

/// The list of places a version can be promoted to, each with its plan (and why it is disabled).
public struct PromotePicker: Sendable, Equatable {
    /// One environment endpoint.
    public struct Target: Sendable, Equatable {
        /// The environment.
        public var environment: String
        /// The endpoint.
        public var endpoint: String
        /// The plan, once fetched (blockers make the target disabled).
        public var plan: DeploymentPlan?
        /// An error fetching the plan.
        public var error: String?

        /// Why the target cannot be picked, or nil when it can (or is still being checked).
        ///
        /// A target that already runs the version is disabled up front (`already runs v3`), even when the
        /// domain would only warn that nothing changes.
        public var disabledReason: String? {
            if let error { return error }
            guard let plan else { return nil }
            var reasons: [String] = []
            if let running = alreadyRunningVersion { reasons.append("already runs v\(running)") }
            reasons += plan.blockers
            return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
        }

        /// The version of a promotion plan whose endpoint already runs exactly that version, else nil.
        public var alreadyRunningVersion: Int? {
            guard let plan, plan.action == .promote, let current = plan.currentVersion, current == plan.newVersion
            else { return nil }
            return current
        }

        /// Whether the plan is still being fetched.
        public var isChecking: Bool { plan == nil && error == nil }
    }

    /// The version to promote.
    public var key: VersionKey
    /// The targets, in promotion order.
    public var targets: [Target]
    /// The cursor.
    public var cursor: Int = 0
    /// A refusal message after picking a disabled target.
    public var message: String?
    /// Whether the operator has moved the cursor (until then it follows the first enabled target).
    public var cursorMoved = false

    /// Creates a picker.
    public init(key: VersionKey, targets: [Target]) {
        self.key = key
        self.targets = targets
    }
}

/// A promotion or rollback plan: loading, failed, or shown with its confirmation.
public struct PlanPane: Sendable {
    /// What the pane is about (`Promote churn v4 to prod`, `Roll back churn-prod`).
    public var title: String
    /// The environment.
    public var environment: String
    /// The endpoint.
    public var endpoint: String
    /// The plan once known.
    public var plan: DeploymentPlan?
    /// Why the plan could not be made.
    public var error: String?
    /// The confirmation (y/n or typed endpoint name), once the plan is known and allowed.
    public var modal: ConfirmationModal?

    /// Creates a loading pane.
    public init(title: String, environment: String, endpoint: String) {
        self.title = title
        self.environment = environment
        self.endpoint = endpoint
    }
}
