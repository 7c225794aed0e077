import TextSupport

/// A table of key bindings: the single source for dispatch, the help bar and the `?` help screen.
///
/// Generic over the app's command type, so that dispatch switches over it exhaustively; the action's `name`
/// is what config overrides use.
public struct KeyMap<Action: KeyAction>: Hashable, Sendable {
    /// The scope whose bindings apply in every scope (after the scope's own).
    public static var globalScope: String { KeyScope.global }

    /// The bindings, in display order.
    public private(set) var bindings: [KeyBinding<Action>]

    /// Creates a key map from bindings (display order is kept).
    public init(_ bindings: [KeyBinding<Action>]) { self.bindings = bindings }

    /// The binding a key triggers in a scope: the scope's own first, then global ones.
    /// Disabled bindings are returned too (the caller shows their reason instead of acting).
    public func binding(for key: Key, in scope: String) -> KeyBinding<Action>? {
        bindings.first { $0.scope == scope && $0.keys.contains(key) }
            ?? bindings.first { $0.scope == KeyScope.global && $0.keys.contains(key) }
    }

    /// The action a key triggers in a scope, if it is enabled.
    public func action(for key: Key, in scope: String) -> Action? {
        guard let b = binding(for: key, in: scope), b.isEnabled else { return nil }
        return b.action
    }

    /// The bindings that apply in a scope: the scope's own, then global ones not shadowed by them.
    public func bindings(in scope: String) -> [KeyBinding<Action>] {
        let own = bindings.filter { $0.scope == scope }
        guard scope != KeyScope.global else { return own }
        let ownKeys = Set(own.flatMap(\.keys))
        let global = bindings.filter { $0.scope == KeyScope.global && !$0.keys.contains(where: ownKeys.contains) }
        return own + global
    }

    /// Every scope, in first-appearance order.
    public var scopes: [String] {
        var seen: [String] = []
        for b in bindings where !seen.contains(b.scope) { seen.append(b.scope) }
        return seen
    }

    /// The binding for an action.
    public func binding(forAction action: Action) -> KeyBinding<Action>? { bindings.first { $0.action == action } }

    // MARK: - Changing bindings

    /// Adds bindings at the end.
    public mutating func append(_ more: [KeyBinding<Action>]) { bindings.append(contentsOf: more) }

    /// Removes the bindings whose action matches (e.g. destructive ones in a read-only view).
    public func removing(where shouldRemove: (KeyBinding<Action>) -> Bool) -> KeyMap {
        KeyMap(bindings.filter { !shouldRemove($0) })
    }

    /// Marks an action disabled with a reason (nil re-enables it).
    public mutating func setDisabledReason(_ reason: String?, forAction action: Action) {
        for i in bindings.indices where bindings[i].action == action { bindings[i].disabledReason = reason }
    }

    /// The bindings of a scope alone (no global fallback): an overlay that takes every key looks here.
    public func ownBinding(for key: Key, in scope: String) -> KeyBinding<Action>? {
        bindings.first { $0.scope == scope && $0.keys.contains(key) }
    }

    /// The names a config override may use for a binding: the action's name (every scope it is bound in),
    /// and `scope.name` for that scope alone (`pending.approve`).
    static func overrideNames(of binding: KeyBinding<Action>) -> [String] {
        [binding.action.name, "\(binding.scope).\(binding.action.name)"]
    }

    /// Applies config overrides `action → key spellings` (`"pending.approve": ["a", "ctrl-a"]`).
    ///
    /// An override names an action (all its bindings) or `scope.action` (that scope's binding only). Each
    /// error names the action and what is wrong (unknown action with did-you-mean, bad key spelling, a key
    /// already used by another action of the same scope). Nothing is applied if any entry is bad.
    public func applying(overrides: [String: [String]]) throws(KeyMapError) -> KeyMap {
        var result = self
        // The override that applies to a binding: its scope-qualified name wins over its plain name.
        func override(of binding: KeyBinding<Action>) -> String? {
            Self.overrideNames(of: binding).reversed().first { overrides[$0] != nil }
        }
        for action in overrides.keys.sorted() {
            let spellings = overrides[action]!
            let indices = result.bindings.indices.filter {
                Self.overrideNames(of: result.bindings[$0]).contains(action)
            }
            guard !indices.isEmpty else {
                var names: [String] = []
                for b in bindings { for n in Self.overrideNames(of: b) where !names.contains(n) { names.append(n) } }
                // Nearest first, so that `quit.yess` suggests `quit.yes` rather than its prefix `quit`.
                names.sort {
                    EditDistance.distance(action, $0, ignoringCase: false)
                        < EditDistance.distance(action, $1, ignoringCase: false)
                }
                let hint = EditDistance.closest(to: action, in: names).map { " (did you mean \"\($0)\"?)" } ?? ""
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
            for index in indices where override(of: result.bindings[index]) == action {
                result.bindings[index].keys = keys
            }
        }
        // Reject keys bound twice in one scope (or shadowing a global binding of another action).
        for b in result.bindings {
            for key in b.keys {
                let clash = result.bindings.first {
                    $0.action != b.action && $0.keys.contains(key)
                        && ($0.scope == b.scope || ($0.scope == KeyScope.global && b.scope == KeyScope.global))
                }
                if let clash, let changed = override(of: b) ?? override(of: clash) {
                    let other = override(of: b) != nil ? clash.action.name : b.action.name
                    throw KeyMapError(
                        action: changed,
                        message: "key \"\(key)\" is already bound to \"\(other)\" in scope \"\(b.scope)\"")
                }
            }
        }
        return result
    }

    // MARK: - Defaults

    /// Navigation shared by every list (see `NavigationAction`), wrapped into the app's command type.
    public static func navigation(_ wrap: (NavigationAction) -> Action) -> KeyMap {
        KeyMap(
            NavigationAction.allCases.map {
                KeyBinding(
                    action: wrap($0), keys: $0.defaultKeys, description: $0.helpDescription, shownInHelpBar: false)
            })
    }
}

extension KeyMap where Action == String {
    /// Navigation with plain string actions (`nav.up`, ...).
    public static var navigation: KeyMap<String> { navigation(\.rawValue) }
}

extension KeyMap where Action: RawRepresentable, Action.RawValue == String {
    /// The binding a config override name picks: the action's name (its first binding) or `scope.name`.
    public func binding(forAction name: String) -> KeyBinding<Action>? {
        bindings.first { Self.overrideNames(of: $0).contains(name) }
    }
}
