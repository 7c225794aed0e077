import Foundation
import PodiumCore
import TerminalUI

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

extension PlanPane {
    /// What a key leaves.
    public enum Outcome: Equatable, Sendable {
        /// Still open.
        case open
        /// Closed without a decision (the plan could not go ahead, or was still loading).
        case closed
        /// The operator confirmed the plan.
        case confirmed(DeploymentPlan)
        /// The operator cancelled the confirmation.
        case cancelled(DeploymentPlan)
    }

    /// The scope whose bindings apply: the y/n or typed confirmation, or the plain pane.
    public var scope: String {
        switch modal?.mode {
        case .yesNo: return ConsoleKeys.Scope.confirm
        case .typed: return ConsoleKeys.Scope.typedConfirm
        case nil: return ConsoleKeys.Scope.plan
        }
    }

    /// Feeds the confirmation a key the table has translated (`y`/Esc, or Enter/Esc for the typed one);
    /// `command` is what the key means in a pane without a confirmation.
    public mutating func handle(_ event: KeyEvent?, command: ConsoleCommand?) -> Outcome {
        guard var modal, let plan else { return command == .planClose ? .closed : .open }
        guard let event else { return .open }
        switch modal.handle(event) {
        case .confirmed: return .confirmed(plan)
        case .cancelled: return .cancelled(plan)
        case .pending:
            self.modal = modal
            return .open
        }
    }
}
