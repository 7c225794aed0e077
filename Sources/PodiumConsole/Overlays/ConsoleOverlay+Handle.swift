import Foundation
import PodiumCore
import TerminalUI

// The overlays as sub-models: each takes the command its scope's bindings resolved the key to (or, for the
// line editors, the key the table translated) and says what happened; `ConsoleApp.handleOverlay` routes keys
// to them and turns their outcomes into state changes and effects.

/// The `?` help screen's scrolling.
public enum HelpPane {
    /// What a help-screen command leaves.
    public enum Outcome: Equatable, Sendable {
        /// Still open at this scroll offset.
        case scrolled(Int)
        /// Closed.
        case closed
    }

    /// The outcome of a command (nil: a key the help screen does not use, which closes it).
    public static func handle(_ command: ConsoleCommand?, scroll: Int, page: Int) -> Outcome {
        switch command {
        case .helpDown: return .scrolled(scroll + 1)
        case .helpUp: return .scrolled(max(0, scroll - 1))
        case .helpPageDown: return .scrolled(scroll + max(1, page))
        case .helpPageUp: return .scrolled(max(0, scroll - max(1, page)))
        default: return .closed
        }
    }
}

/// "Quit podium?".
public enum QuitDialog {
    /// What a key leaves.
    public enum Outcome: Equatable, Sendable {
        /// Quit.
        case quit
        /// Stay (close the dialog).
        case stay
        /// Still asking.
        case asking
    }

    /// The outcome of a command.
    public static func handle(_ command: ConsoleCommand?) -> Outcome {
        switch command {
        case .quitYes: return .quit
        case .quitNo: return .stay
        default: return .asking
        }
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
    }

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

extension CommentPrompt {
    /// What a key leaves.
    public enum Outcome: Equatable, Sendable {
        /// Still editing (or an empty comment was refused).
        case editing
        /// Cancelled.
        case cancelled
        /// Submitted with this (trimmed, non-empty) comment.
        case submitted(String)
    }

    /// Feeds the editor; an empty comment is refused (the prompt says so) rather than submitted.
    public mutating func handle(_ event: KeyEvent) -> Outcome {
        switch editor.handle(event) {
        case .submitted(let text):
            let comment = text.trimmingCharacters(in: .whitespaces)
            if comment.isEmpty {
                emptyRefused = true
                return .editing
            }
            return .submitted(comment)
        case .cancelled:
            return .cancelled
        default:
            emptyRefused = false
            return .editing
        }
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

extension DeploymentRun {
    /// What a key does to the progress pane.
    public enum PaneOutcome: Equatable, Sendable {
        /// Hide the pane; the running deployment carries on in the background.
        case hide
        /// Close the pane of a finished deployment (the run is forgotten).
        case close
        /// Let the screen's key map have it (the help key, which opens help over the pane).
        case passThrough
        /// Nothing: the pane keeps the keys a list would take.
        case ignore
    }

    /// The outcome of a progress-scope command; `isHelp` says whether the key is the screen's help key.
    public func handlePane(_ command: ConsoleCommand?, isHelp: Bool) -> PaneOutcome {
        switch command {
        case .progressHide: return isRunning ? .hide : .close
        // Enter only closes a finished deployment (a running one is hidden with Esc/q).
        case .progressClose: return isRunning ? .ignore : .close
        default: return isHelp ? .passThrough : .ignore
        }
    }
}
