import Foundation
import PodiumCore
import TerminalUI

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
