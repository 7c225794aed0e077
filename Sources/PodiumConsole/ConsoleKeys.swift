import TerminalUI

/// The console's key map, as data: every binding with its action name, keys, scope, description and
/// whether it changes something in AWS. The help bar, the `?` screen and dispatch all read this table;
/// config `keys:` overrides name the actions (`pending.approve: [A]`).
public enum ConsoleKeys {
    /// Key-map scopes: one per screen (plus the global scope).
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
    }

    /// Action names (stable: config overrides use them).
    public enum Action {
        /// Leave the screen, or quit from the top.
        public static let quit = "quit"
        /// Go back one screen.
        public static let back = "back"
        /// Show the help screen.
        public static let help = "help"
        /// Filter the current list.
        public static let filter = "filter"
        /// Open the command line.
        public static let command = "command"
        /// Refresh now.
        public static let refresh = "refresh"
        /// Next screen.
        public static let nextScreen = "screen.next"
        /// Previous screen.
        public static let previousScreen = "screen.previous"
        /// Dashboard.
        public static let dashboard = "screen.dashboard"
        /// Registry.
        public static let registry = "screen.registry"
        /// Pending queue.
        public static let pending = "screen.pending"
        /// Activity.
        public static let activity = "screen.activity"
        /// Show the running deployment's progress again.
        public static let showDeployment = "deployment.show"
        /// Open the selected item.
        public static let open = "open"
        /// Roll back the selected endpoint.
        public static let rollback = "dashboard.rollback"
        public static let dashboardPromote = "dashboard.promote"
        /// Promote the selected version (versions list).
        public static let versionsPromote = "versions.promote"
        /// Promote the version shown.
        public static let detailPromote = "detail.promote"
        /// Approve the version shown.
        public static let detailApprove = "detail.approve"
        /// Reject the version shown.
        public static let detailReject = "detail.reject"
        /// Approve the selected pending version.
        public static let pendingApprove = "pending.approve"
        /// Reject the selected pending version.
        public static let pendingReject = "pending.reject"
        /// Promote the selected pending version (after approval).
        public static let pendingPromote = "pending.promote"
    }

    /// The full interactive key map (before overrides and read-only filtering).
    public static let console: KeyMap = {
        var map = KeyMap([
            KeyBinding(action: Action.help, keys: [.char("?")], description: "help"),
            KeyBinding(action: Action.quit, keys: [.char("q")], description: "back/quit"),
            KeyBinding(action: Action.back, keys: [.escape], description: "back", shownInHelpBar: false),
            KeyBinding(action: Action.filter, keys: [.char("/")], description: "filter"),
            KeyBinding(action: Action.command, keys: [.char(":")], description: "command"),
            KeyBinding(action: Action.refresh, keys: [.char("r"), .ctrl("r")], description: "refresh"),
            KeyBinding(action: Action.nextScreen, keys: [.tab], description: "next screen", shownInHelpBar: false),
            KeyBinding(
                action: Action.previousScreen, keys: [.backTab], description: "previous screen", shownInHelpBar: false),
            KeyBinding(action: Action.dashboard, keys: [.char("1")], description: "dashboard", shownInHelpBar: false),
            KeyBinding(action: Action.registry, keys: [.char("2")], description: "registry", shownInHelpBar: false),
            KeyBinding(action: Action.pending, keys: [.char("3")], description: "pending", shownInHelpBar: false),
            KeyBinding(action: Action.activity, keys: [.char("4")], description: "activity", shownInHelpBar: false),
            KeyBinding(
                action: Action.showDeployment, keys: [.char("w")], description: "show deployment",
                shownInHelpBar: false),
            KeyBinding(action: Action.open, keys: [.enter], description: "open"),
            KeyBinding(
                action: Action.rollback, keys: [.char("b")], description: "roll back", scope: Scope.dashboard,
                destructive: true),
            KeyBinding(
                action: Action.dashboardPromote, keys: [.char("p")], description: "promote here",
                scope: Scope.dashboard, destructive: true),
            KeyBinding(
                action: Action.versionsPromote, keys: [.char("p")], description: "promote", scope: Scope.versions,
                destructive: true),
            KeyBinding(
                action: Action.detailPromote, keys: [.char("p")], description: "promote", scope: Scope.detail,
                destructive: true),
            KeyBinding(
                action: Action.detailApprove, keys: [.char("a")], description: "approve", scope: Scope.detail,
                destructive: true),
            KeyBinding(
                action: Action.detailReject, keys: [.char("r")], description: "reject", scope: Scope.detail,
                destructive: true),
            KeyBinding(
                action: Action.pendingApprove, keys: [.char("a")], description: "approve", scope: Scope.pending,
                destructive: true),
            KeyBinding(
                action: Action.pendingReject, keys: [.char("r")], description: "reject", scope: Scope.pending,
                destructive: true),
            KeyBinding(
                action: Action.pendingPromote, keys: [.char("p")], description: "promote", scope: Scope.pending,
                destructive: true),
        ])
        map.append(KeyMap.navigation.bindings)
        return map
    }()

    /// The watch-mode key map: no mutating binding, no prompt (no filter, no command line).
    public static let watch: KeyMap = {
        let allowed: Set<String> = [
            Action.help, Action.quit, Action.back, Action.refresh, Action.nextScreen, Action.previousScreen,
            Action.dashboard, Action.registry, Action.pending, Action.activity, Action.open,
        ]
        return console.removing { !allowed.contains($0.action) && !$0.action.hasPrefix("nav.") }
    }()

    /// Screen names in the `?` help, by scope.
    public static func scopeTitle(_ scope: String) -> String {
        switch scope {
        case KeyMap.globalScope: return "Everywhere"
        case Scope.dashboard: return "Dashboard"
        case Scope.groups: return "Registry: groups"
        case Scope.versions: return "Registry: versions"
        case Scope.detail: return "Version detail"
        case Scope.pending: return "Pending queue"
        case Scope.activity: return "Activity"
        default: return scope
        }
    }
}
