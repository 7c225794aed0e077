import PodiumCore
import TerminalUI

/// A pane shown over the current screen that takes the keys while it is open.
///
/// Each overlay is a sub-model with its own file here (`HelpPane`, `QuitDialog`, `CommentPrompt`, `PromotePicker`,
/// `PlanPane`; the progress pane is `DeploymentRun+Pane`): it takes the command its key-table scope resolved
/// the key to (or, for the line editors, the key the table translated) and returns an `Outcome`;
/// `ConsoleApp.handleOverlay` routes keys to it and turns the outcome into state changes and effects.
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
    /// An expired SSO session's sign-in (`ConsoleState.signIn` holds the pane).
    case signIn
    /// The traffic pane of an endpoint with variants (issue 15).
    case traffic(TrafficPane)
}
