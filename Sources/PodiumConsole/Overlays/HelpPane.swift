import Foundation
import PodiumCore
import TerminalUI

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
