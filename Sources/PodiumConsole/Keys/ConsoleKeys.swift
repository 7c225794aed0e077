import TerminalUI

/// The console's key map, as data: every binding with its command, keys, scope, description and whether it
/// changes something in AWS. The help bar, the `?` screen and dispatch all read this table, for the screens
/// and for every overlay; config `keys:` overrides name the commands (`approve: [A]`, `pending.approve: [A]`).
public enum ConsoleKeys {
    /// Key-map scopes: one per screen and one per overlay (plus the global scope).
    public enum Scope {
        /// The environments dashboard.
        public static let dashboard = "dashboard"
        /// The list of groups.
        public static let groups = "groups"
        /// The versions of a group.
        public static let versions = "versions"
        /// A version's detail.
        public static let detail = "detail"
        /// The pending queue.
        public static let pending = "pending"
        /// The activity screen.
        public static let activity = "activity"
        /// The pipeline screen.
        public static let pipeline = "pipeline"
        /// An endpoint's log view.
        public static let logs = "logs"
        /// The `?` help screen.
        public static let help = "help"
        /// "Quit podium?".
        public static let quit = "quit"
        /// The promotion target picker.
        public static let picker = "picker"
        /// A plan that cannot go ahead, or is loading.
        public static let plan = "plan"
        /// A plan's y/n confirmation.
        public static let confirm = "confirm"
        /// A plan's confirmation by typing the endpoint name.
        public static let typedConfirm = "typed"
        /// The deployment progress pane.
        public static let progress = "progress"
        /// The `/` filter line.
        public static let filter = "filter"
        /// The `:` command line.
        public static let command = "command"
        /// The comment of an approve or reject.
        public static let comment = "comment"
        /// The SSO sign-in pane.
        public static let signIn = "signin"
        /// The traffic pane's weights (its review uses `confirm` / `typed`).
        public static let traffic = "traffic"
        /// The variant name and weight (or sample) of a challenger or shadow promotion.
        public static let variantInput = "variant"

        /// The overlays' scopes, in the `?` screen's order.
        public static let overlays = [
            help, quit, picker, plan, confirm, typedConfirm, progress, filter, command, comment, signIn, traffic,
            variantInput,
        ]
    }

    /// The command type (kept under its earlier name).
    public typealias Action = ConsoleCommand

    /// The full interactive key map (before overrides and read-only filtering).
    public static let console: KeyMap<ConsoleCommand> = {
        typealias C = ConsoleCommand
        func bind(
            _ command: C, _ keys: [Key], _ description: String, scope: String = KeyScope.global, bar: Bool = true,
            destructive: Bool = false
        ) -> KeyBinding<C> {
            KeyBinding(
                action: command, keys: keys, description: description, scope: scope, shownInHelpBar: bar,
                destructive: destructive)
        }
        var map = KeyMap([
            bind(.help, [.char("?")], "help"),
            bind(.quit, [.char("q")], "back/quit"),
            bind(.back, [.escape], "back", bar: false),
            bind(.filter, [.char("/")], "filter"),
            bind(.command, [.char(":")], "command"),
            bind(.refresh, [.char("r"), .ctrl("r")], "refresh"),
            bind(.nextScreen, [.tab], "next screen", bar: false),
            bind(.previousScreen, [.backTab], "previous screen", bar: false),
            bind(.dashboard, [.char("1")], "dashboard", bar: false),
            bind(.registry, [.char("2")], "registry", bar: false),
            bind(.pending, [.char("3")], "pending", bar: false),
            bind(.activity, [.char("4")], "activity", bar: false),
            bind(.pipeline, [.char("5")], "pipeline", bar: false),
            bind(.showDeployment, [.char("w")], "show deployment", bar: false),
            bind(.open, [.enter], "open"),
            bind(.rollback, [.char("b")], "roll back", scope: Scope.dashboard, destructive: true),
            bind(.promote, [.char("p")], "promote here", scope: Scope.dashboard, destructive: true),
            bind(.logs, [.char("L")], "endpoint logs", scope: Scope.dashboard, bar: false),
            bind(.follow, [.char("f")], "follow (end of the log)", scope: Scope.logs),
            bind(.promote, [.char("p")], "promote", scope: Scope.versions, destructive: true),
            bind(.promote, [.char("p")], "promote", scope: Scope.detail, destructive: true),
            bind(.approve, [.char("a")], "approve", scope: Scope.detail, destructive: true),
            bind(.reject, [.char("r")], "reject", scope: Scope.detail, destructive: true),
            bind(.approve, [.char("a")], "approve", scope: Scope.pending, destructive: true),
            bind(.reject, [.char("r")], "reject", scope: Scope.pending, destructive: true),
            bind(.promote, [.char("p")], "promote", scope: Scope.pending, destructive: true),
            bind(.traffic, [.char("t")], "traffic", scope: Scope.dashboard, destructive: true),
        ])
        map.append(KeyMap.navigation { ConsoleCommand($0) }.bindings)
        map.append(overlays.bindings)
        return map
    }()

    /// The overlays' bindings: the keys each dialog takes while it is open (the help bar shows them).
    static let overlays: KeyMap<ConsoleCommand> = {
        typealias C = ConsoleCommand
        func bind(_ command: C, _ keys: [Key], _ description: String, _ scope: String, bar: Bool = true)
            -> KeyBinding<C>
        {
            KeyBinding(action: command, keys: keys, description: description, scope: scope, shownInHelpBar: bar)
        }
        return KeyMap([
            bind(.helpDown, [.down, .char("j")], "scroll down", Scope.help),
            bind(.helpUp, [.up, .char("k")], "scroll up", Scope.help),
            bind(.helpPageDown, [.pageDown, .space], "page down", Scope.help),
            bind(.helpPageUp, [.pageUp], "page up", Scope.help),
            bind(.helpClose, [.escape, .char("q"), .char("?")], "close (any other key too)", Scope.help),
            bind(.quitYes, [.char("y"), .char("Y")], "quit", Scope.quit),
            bind(.quitNo, [.char("n"), .char("N"), .escape, .char("q")], "stay", Scope.quit),
            bind(.pickerPick, [.enter], "pick", Scope.picker),
            bind(.pickerDown, [.char("j"), .down], "down", Scope.picker),
            bind(.pickerUp, [.char("k"), .up], "up", Scope.picker),
            bind(.pickerCancel, [.escape, .char("q")], "cancel", Scope.picker),
            bind(.pickerMode, [.char("v")], "mode: replace, challenger, shadow", Scope.picker),
            bind(.variantSubmit, [.enter], "next (name, then weight or sample)", Scope.variantInput),
            bind(.variantCancel, [.escape], "back", Scope.variantInput),
            bind(.planClose, [.escape, .enter, .char("q"), .char("n")], "close", Scope.plan),
            bind(.confirmYes, [.char("y"), .char("Y")], "go ahead", Scope.confirm),
            bind(.confirmNo, [.char("n"), .char("N"), .escape], "cancel", Scope.confirm),
            bind(.typedSubmit, [.enter], "confirm", Scope.typedConfirm),
            bind(.typedCancel, [.escape], "cancel", Scope.typedConfirm),
            bind(.progressHide, [.escape, .char("q")], "close (a running one carries on)", Scope.progress),
            bind(.progressClose, [.enter], "close when finished", Scope.progress),
            bind(
                .progressCancelStack, [.char("c")], "cancel the stack update (CancelUpdateStack, asks first)",
                Scope.progress),
            bind(.trafficUp, [.up, .char("k")], "previous variant", Scope.traffic),
            bind(.trafficDown, [.down, .char("j")], "next variant", Scope.traffic),
            bind(.trafficLess, [.left, .char("h")], "5 % less", Scope.traffic),
            bind(.trafficMore, [.right, .char("l")], "5 % more", Scope.traffic),
            bind(.trafficReview, [.enter], "review the plan", Scope.traffic),
            bind(.trafficCancel, [.escape, .char("q")], "cancel", Scope.traffic),
            bind(.filterKeep, [.enter], "keep filter", Scope.filter),
            bind(.filterClear, [.escape], "clear", Scope.filter),
            bind(.commandRun, [.enter], "run", Scope.command),
            bind(.commandComplete, [.tab], "complete", Scope.command),
            bind(.commandCancel, [.escape], "cancel", Scope.command),
            bind(.commentSubmit, [.enter], "submit", Scope.comment),
            bind(.commentCancel, [.escape], "cancel", Scope.comment),
            bind(.signInRetry, [.enter], "sign in again (after a failure)", Scope.signIn),
            bind(.signInCancel, [.escape], "abandon the sign-in", Scope.signIn),
        ])
    }()

    /// The commands the watch mode keeps: no mutating binding, no prompt (no filter, no command line).
    public static func isAllowedInWatch(_ command: ConsoleCommand) -> Bool {
        switch command {
        case .help, .quit, .back, .refresh, .nextScreen, .previousScreen, .dashboard, .registry, .pending,
            .activity, .pipeline, .open, .up, .down, .left, .right, .top, .bottom, .pageUp, .pageDown, .helpDown,
            .helpUp,
            .helpPageDown, .helpPageUp, .helpClose, .signInRetry, .signInCancel:
            return true
        // The log view polls CloudWatch Logs per endpoint: the wall screen shows what its pages read, nothing more.
        case .logs, .follow,
            .quitYes, .quitNo, .filter, .command, .showDeployment, .rollback, .promote, .approve, .reject, .pickerPick,
            .pickerDown,
            .pickerUp, .pickerCancel, .planClose, .confirmYes, .confirmNo, .typedSubmit, .typedCancel, .progressHide,
            .progressClose, .progressCancelStack, .filterKeep, .filterClear, .commandRun, .commandComplete,
            .commandCancel, .commentSubmit,
            .commentCancel, .traffic, .trafficUp, .trafficDown, .trafficMore, .trafficLess, .trafficReview,
            .trafficCancel, .pickerMode, .variantSubmit, .variantCancel:
            return false
        }
    }

    /// The watch-mode key map: no mutating binding, no prompt (no filter, no command line).
    public static let watch: KeyMap<ConsoleCommand> = console.removing { !isAllowedInWatch($0.action) }

    /// Screen and dialog names in the `?` help, by scope.
    public static func scopeTitle(_ scope: String) -> String {
        switch scope {
        case KeyScope.global: return "Everywhere"
        case Scope.dashboard: return "Dashboard"
        case Scope.groups: return "Registry: groups"
        case Scope.versions: return "Registry: versions"
        case Scope.detail: return "Version detail"
        case Scope.pending: return "Pending queue"
        case Scope.activity: return "Activity"
        case Scope.pipeline: return "Pipeline"
        case Scope.traffic: return "Traffic pane"
        case Scope.variantInput: return "Challenger / shadow promotion input"
        case Scope.logs: return "Endpoint logs"
        case Scope.help: return "Help screen"
        case Scope.quit: return "Quit dialog"
        case Scope.picker: return "Promotion target picker"
        case Scope.plan: return "Plan (cannot go ahead)"
        case Scope.confirm: return "Plan confirmation"
        case Scope.typedConfirm: return "Plan confirmation (typed)"
        case Scope.progress: return "Deployment progress"
        case Scope.filter: return "Filter line"
        case Scope.command: return "Command line"
        case Scope.comment: return "Approval comment"
        case Scope.signIn: return "SSO sign-in"
        default: return scope
        }
    }
}
