import Foundation
import PodiumCore
import TerminalUI

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
    /// Replace what runs (the default), or add the version beside it as a challenger or a shadow (`v` cycles).
    public var mode: VariantPromotionMode = .replace
    /// The name and weight (or sample) questions of a challenger or shadow promotion, once a target is picked.
    public var input: VariantPromotionInput?

    /// Creates a picker.
    public init(key: VersionKey, targets: [Target]) {
        self.key = key
        self.targets = targets
    }
}

extension PromotePicker {
    /// What a picker command leaves.
    public enum Outcome: Equatable, Sendable {
        /// Still open (cursor moved, or a refusal message set).
        case open
        /// Cancelled.
        case cancelled
        /// A target whose plan can go ahead was picked.
        case picked(Target, DeploymentPlan)
        /// A challenger or shadow was asked for on a target (its traffic plan is still to be made).
        case variant(environment: String, endpoint: String, name: String, addition: VariantPromotionPlanner.Addition)
    }

    /// The key-table scope in effect: the picker's own, or the variant input's while it asks.
    public var scope: String { input == nil ? ConsoleKeys.Scope.picker : ConsoleKeys.Scope.variantInput }

    /// Moves the cursor, cancels, or picks the target under the cursor (a disabled or still-checking target
    /// is refused with a message instead).
    public mutating func handle(_ command: ConsoleCommand?) -> Outcome {
        switch command {
        case .pickerCancel:
            return .cancelled
        case .pickerUp:
            cursor = max(0, cursor - 1)
            cursorMoved = true
            message = nil
        case .pickerDown:
            cursor = min(targets.count - 1, cursor + 1)
            cursorMoved = true
            message = nil
        case .pickerMode:
            mode = mode.next
            message = nil
        case .pickerPick where mode != .replace:
            // The replace plan's refusals do not apply to adding a variant: its own traffic plan says what does.
            let target = targets[cursor]
            input = VariantPromotionInput(mode: mode, environment: target.environment, endpoint: target.endpoint)
            message = nil
        case .pickerPick:
            let target = targets[cursor]
            if target.isChecking {
                message = "still checking \(target.environment)…"
            } else if let reason = target.disabledReason {
                message = "\(target.environment): \(reason)"
            } else if let plan = target.plan {
                return .picked(target, plan)
            }
        default:
            break
        }
        return .open
    }
}

extension PromotePicker {
    /// Feeds the variant input a key the table translated; Esc on its first question closes it, the last
    /// answer asks for the plan.
    public mutating func handleInput(_ event: KeyEvent) -> Outcome {
        guard var asking = input else { return .open }
        let outcome = asking.handle(event)
        input = asking
        switch outcome {
        case .editing:
            return .open
        case .back:
            input = nil
            return .open
        case .submitted(let name, let addition):
            return .variant(
                environment: asking.environment, endpoint: asking.endpoint, name: name, addition: addition)
        }
    }
}

extension PromotePicker {
    /// Records a target's plan (or the error fetching it) and, until the operator moves the cursor, keeps the
    /// cursor on the first target that can be picked.
    mutating func apply(
        environment: String, endpoint: String, _ result: Result<DeploymentPlan, ConsoleError>
    ) {
        guard let index = targets.firstIndex(where: { $0.environment == environment && $0.endpoint == endpoint })
        else { return }
        switch result {
        case .success(let plan):
            targets[index].plan = plan
            targets[index].error = nil
        case .failure(let error):
            targets[index].error = error.message
        }
        if !cursorMoved, let enabled = targets.firstIndex(where: { !$0.isChecking && $0.disabledReason == nil }) {
            cursor = enabled
        }
    }
}
