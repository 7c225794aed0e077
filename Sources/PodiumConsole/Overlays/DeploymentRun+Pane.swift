import Foundation
import PodiumCore
import TerminalUI

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
        /// Ask "cancel the stack update?" (a stack update in progress).
        case askCancel
        /// The operator confirmed: cancel the stack update.
        case cancelStack
        /// The operator declined: the update carries on.
        case keepRunning
    }

    /// The scope whose bindings apply: the y/n of a cancellation, or the pane's own.
    public var paneScope: String { askingToCancel ? ConsoleKeys.Scope.confirm : ConsoleKeys.Scope.progress }

    /// The outcome of a command of `paneScope`; `isHelp` says whether the key is the screen's help key.
    public func handlePane(_ command: ConsoleCommand?, isHelp: Bool) -> PaneOutcome {
        if askingToCancel {
            switch command {
            case .confirmYes: return canCancelStackUpdate ? .cancelStack : .keepRunning
            case .confirmNo: return .keepRunning
            default: return .ignore
            }
        }
        switch command {
        case .progressCancelStack: return canCancelStackUpdate ? .askCancel : .ignore
        case .progressHide: return isRunning ? .hide : .close
        // Enter only closes a finished deployment (a running one is hidden with Esc/q).
        case .progressClose: return isRunning ? .ignore : .close
        default: return isHelp ? .passThrough : .ignore
        }
    }
}
