/// One row of a key map: an action, the keys that trigger it, and how it is presented.
public struct KeyBinding<Action: KeyAction>: Hashable, Sendable {
    /// The command triggered; its `name` (`nav.down`, `pending.approve`) is what config overrides use.
    public var action: Action
    /// Keys that trigger the action (the first is shown in help).
    public var keys: [Key]
    /// What the action does, for the help bar and help screen.
    public var description: String
    /// The scope (screen or mode) it applies in; `KeyMap.globalScope` applies everywhere.
    public var scope: String
    /// Whether the help bar shows it (the `?` screen shows every binding).
    public var shownInHelpBar: Bool
    /// Whether it changes something in AWS (confirmation, removed in read-only views).
    public var destructive: Bool
    /// Why it is unavailable right now (shown greyed out with the reason), or nil when enabled.
    public var disabledReason: String?

    /// Creates a binding.
    public init(
        action: Action, keys: [Key], description: String, scope: String = KeyScope.global,
        shownInHelpBar: Bool = true, destructive: Bool = false, disabledReason: String? = nil
    ) {
        self.action = action
        self.keys = keys
        self.description = description
        self.scope = scope
        self.shownInHelpBar = shownInHelpBar
        self.destructive = destructive
        self.disabledReason = disabledReason
    }

    /// Whether the binding can be triggered.
    public var isEnabled: Bool { disabledReason == nil }
}
