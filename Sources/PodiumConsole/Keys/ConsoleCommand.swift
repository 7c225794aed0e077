import TerminalUI

/// Everything a key can ask of the console. The raw value is the name config `keys:` overrides use
/// (`approve`, or `pending.approve` for the pending queue's binding alone); `ConsoleKeys.console` binds
/// each command in one or more scopes, and every dispatch switch over it is exhaustive.
public enum ConsoleCommand: String, CaseIterable, Sendable, KeyAction {
    // Everywhere.
    /// Show the help screen.
    case help
    /// Leave the screen, or quit from the top.
    case quit
    /// Go back one screen.
    case back
    /// Filter the current list.
    case filter
    /// Open the command line.
    case command
    /// Refresh now.
    case refresh
    /// Next screen.
    case nextScreen = "screen.next"
    /// Previous screen.
    case previousScreen = "screen.previous"
    /// Dashboard.
    case dashboard = "screen.dashboard"
    /// Registry.
    case registry = "screen.registry"
    /// Pending queue.
    case pending = "screen.pending"
    /// Activity.
    case activity = "screen.activity"
    /// Pipeline.
    case pipeline = "screen.pipeline"
    /// Open the endpoint's log view (dashboard).
    case logs
    /// Follow the log again (the log view).
    case follow = "logs.follow"
    /// Show the running deployment's progress again.
    case showDeployment = "deployment.show"
    /// Open the selected item.
    case open
    /// List navigation (see `NavigationAction`).
    case up = "nav.up"
    /// One row down.
    case down = "nav.down"
    /// Previous environment (dashboard).
    case left = "nav.left"
    /// Next environment (dashboard).
    case right = "nav.right"
    /// First row.
    case top = "nav.top"
    /// Last row.
    case bottom = "nav.bottom"
    /// One page up.
    case pageUp = "nav.pageUp"
    /// One page down.
    case pageDown = "nav.pageDown"

    // Screens.
    /// Roll back the selected endpoint (dashboard).
    case rollback
    /// Promote the selection: the version (versions, detail, pending) or to the endpoint (dashboard).
    case promote
    /// Approve the version (detail, pending).
    case approve
    /// Reject the version (detail, pending).
    case reject

    // Overlays: each has its own scope (`ConsoleKeys.Scope`).
    /// Help screen: scroll down.
    case helpDown = "help.down"
    /// Help screen: scroll up.
    case helpUp = "help.up"
    /// Help screen: page down.
    case helpPageDown = "help.pageDown"
    /// Help screen: page up.
    case helpPageUp = "help.pageUp"
    /// Help screen: close (any key the help screen does not use closes it too).
    case helpClose = "help.close"
    /// Sign-in pane: start again after a failure.
    case signInRetry = "signin.retry"
    /// Sign-in pane: abandon the sign-in.
    case signInCancel = "signin.cancel"
    /// Quit dialog: quit.
    case quitYes = "quit.yes"
    /// Quit dialog: stay.
    case quitNo = "quit.no"
    /// Target picker: pick the target under the cursor.
    case pickerPick = "picker.pick"
    /// Target picker: down.
    case pickerDown = "picker.down"
    /// Target picker: up.
    case pickerUp = "picker.up"
    /// Target picker: cancel.
    case pickerCancel = "picker.cancel"
    /// Target picker: cycle what the promotion does (replace what runs, add as challenger, add as shadow).
    case pickerMode = "picker.mode"
    /// Variant promotion input (name, weight or sample): take the value.
    case variantSubmit = "variant.submit"
    /// Variant promotion input: one step back (from the name: back to the targets).
    case variantCancel = "variant.cancel"
    /// A plan that cannot go ahead (or is still loading): close it.
    case planClose = "plan.close"
    /// Plan confirmation (y/n): go ahead.
    case confirmYes = "confirm.yes"
    /// Plan confirmation (y/n): cancel.
    case confirmNo = "confirm.no"
    /// Plan confirmation by typing the endpoint name: submit.
    case typedSubmit = "typed.submit"
    /// Plan confirmation by typing the endpoint name: cancel.
    case typedCancel = "typed.cancel"
    /// Deployment progress: close (a running deployment carries on in the background).
    case progressHide = "progress.hide"
    /// Deployment progress: close once finished.
    case progressClose = "progress.close"
    /// Deployment progress: cancel the running CloudFormation update (stack and pipeline routes), after a y/n.
    case progressCancelStack = "progress.cancel-stack"
    /// Filter line: keep the filter.
    case filterKeep = "filter.keep"
    /// Filter line: clear it.
    case filterClear = "filter.clear"
    /// Command line: run.
    case commandRun = "command.run"
    /// Command line: complete.
    case commandComplete = "command.complete"
    /// Command line: cancel.
    case commandCancel = "command.cancel"
    /// Approval comment: submit.
    case commentSubmit = "comment.submit"
    /// Approval comment: cancel.
    case commentCancel = "comment.cancel"

    /// Dashboard: open the traffic pane of the endpoint (issue 15).
    case traffic
    /// Traffic pane: select the variant above.
    case trafficUp = "traffic.up"
    /// Traffic pane: select the variant below.
    case trafficDown = "traffic.down"
    /// Traffic pane: 5 points more for the selected variant (the others give them up).
    case trafficMore = "traffic.more"
    /// Traffic pane: 5 points less for the selected variant (the others take them).
    case trafficLess = "traffic.less"
    /// Traffic pane: review the plan (after a refusal or a failure: back to the weights; once done: close).
    case trafficReview = "traffic.review"
    /// Traffic pane: close without changing anything.
    case trafficCancel = "traffic.cancel"

    /// The list navigation this command is, if it is one.
    public var navigation: NavigationAction? { NavigationAction(rawValue: rawValue) }

    /// The command for a list navigation.
    public init(_ navigation: NavigationAction) {
        // Every `NavigationAction` raw value is a case of this enum (checked by `ConsoleKeyTableTests`).
        self = ConsoleCommand(rawValue: navigation.rawValue) ?? .down
    }
}
