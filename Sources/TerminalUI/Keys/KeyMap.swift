/// A table of key bindings: the single source for dispatch, the help bar and the `?` help screen.
public struct KeyMap: Hashable, Sendable {
    /// The scope whose bindings apply in every scope (after the scope's own).
    public static let globalScope = "global"

    /// The bindings, in display order.
    public private(set) var bindings: [KeyBinding]

    /// Creates a key map from bindings (display order is kept).
    public init(_ bindings: [KeyBinding]) { self.bindings = bindings }

    /// The binding a key triggers in a scope: the scope's own first, then global ones.
    /// Disabled bindings are returned too (the caller shows their reason instead of acting).
    public func binding(for key: Key, in scope: String) -> KeyBinding? {
        bindings.first { $0.scope == scope && $0.keys.contains(key) }
            ?? bindings.first { $0.scope == KeyMap.globalScope && $0.keys.contains(key) }
    }

    /// The action a key triggers in a scope, if it is enabled.
    public func action(for key: Key, in scope: String) -> String? {
        guard let b = binding(for: key, in: scope), b.isEnabled else { return nil }
        return b.action
    }

    /// The bindings that apply in a scope: the scope's own, then global ones not shadowed by them.
    public func bindings(in scope: String) -> [KeyBinding] {
        let own = bindings.filter { $0.scope == scope }
        guard scope != KeyMap.globalScope else { return own }
        let ownKeys = Set(own.flatMap(\.keys))
        let global = bindings.filter { $0.scope == KeyMap.globalScope && !$0.keys.contains(where: ownKeys.contains) }
        return own + global
    }

    /// Every scope, in first-appearance order.
    public var scopes: [String] {
        var seen: [String] = []
        for b in bindings where !seen.contains(b.scope) { seen.append(b.scope) }
        return seen
    }

    /// The binding for an action.
    public func binding(forAction action: String) -> KeyBinding? { bindings.first { $0.action == action } }

    // MARK: - Changing bindings

    /// Adds bindings at the end.
    public mutating func append(_ more: [KeyBinding]) { bindings.append(contentsOf: more) }

    /// Removes the bindings whose action matches (e.g. destructive ones in a read-only view).
    public func removing(where shouldRemove: (KeyBinding) -> Bool) -> KeyMap {
        KeyMap(bindings.filter { !shouldRemove($0) })
    }

    /// Marks an action disabled with a reason (nil re-enables it).
    public mutating func setDisabledReason(_ reason: String?, forAction action: String) {
        for i in bindings.indices where bindings[i].action == action { bindings[i].disabledReason = reason }
    }

    /// Applies config overrides `action → key spellings` (`"pending.approve": ["a", "ctrl-a"]`).
    ///
    /// Each error names the action and what is wrong (unknown action with did-you-mean, bad key spelling,
    /// a key already used by another action of the same scope). Nothing is applied if any entry is bad.
    public func applying(overrides: [String: [String]]) throws(KeyMapError) -> KeyMap {
        var result = self
        for action in overrides.keys.sorted() {
            let spellings = overrides[action]!
            guard let index = result.bindings.firstIndex(where: { $0.action == action }) else {
                let hint =
                    EditDistance.closest(to: action, in: bindings.map(\.action))
                    .map { " (did you mean \"\($0)\"?)" } ?? ""
                throw KeyMapError(action: action, message: "unknown action\(hint)")
            }
            guard !spellings.isEmpty else { throw KeyMapError(action: action, message: "needs at least one key") }
            var keys: [Key] = []
            for spelling in spellings {
                do {
                    keys.append(try Key(parsing: spelling))
                } catch let error as KeyParseError {
                    throw KeyMapError(action: action, message: error.description)
                } catch {
                    throw KeyMapError(action: action, message: "invalid key \"\(spelling)\"")
                }
            }
            result.bindings[index].keys = keys
        }
        // Reject keys bound twice in one scope (or shadowing a global binding of another action).
        for b in result.bindings {
            for key in b.keys {
                let clash = result.bindings.first {
                    $0.action != b.action && $0.keys.contains(key)
                        && ($0.scope == b.scope || ($0.scope == KeyMap.globalScope && b.scope == KeyMap.globalScope))
                }
                if let clash, overrides[b.action] != nil || overrides[clash.action] != nil {
                    let changed = overrides[b.action] != nil ? b.action : clash.action
                    let other = changed == b.action ? clash.action : b.action
                    throw KeyMapError(
                        action: changed,
                        message: "key \"\(key)\" is already bound to \"\(other)\" in scope \"\(b.scope)\"")
                }
            }
        }
        return result
    }

    // MARK: - Defaults

    /// Navigation shared by every list: arrows and vim keys, g/G and Home/End, PgUp/PgDn.
    public static let navigation = KeyMap([
        KeyBinding(action: "nav.up", keys: [.up, .char("k")], description: "up", shownInHelpBar: false),
        KeyBinding(action: "nav.down", keys: [.down, .char("j")], description: "down", shownInHelpBar: false),
        KeyBinding(action: "nav.left", keys: [.left, .char("h")], description: "left", shownInHelpBar: false),
        KeyBinding(action: "nav.right", keys: [.right, .char("l")], description: "right", shownInHelpBar: false),
        KeyBinding(action: "nav.top", keys: [.char("g"), .home], description: "first", shownInHelpBar: false),
        KeyBinding(action: "nav.bottom", keys: [.char("G"), .end], description: "last", shownInHelpBar: false),
        KeyBinding(
            action: "nav.pageUp", keys: [.pageUp, .ctrl("b")], description: "page up", shownInHelpBar: false),
        KeyBinding(
            action: "nav.pageDown", keys: [.pageDown, .ctrl("f")], description: "page down", shownInHelpBar: false),
    ])
}
