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
