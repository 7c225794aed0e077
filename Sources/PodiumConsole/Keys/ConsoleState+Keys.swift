import PodiumCore
import TerminalUI

extension ConsoleState {
    /// The key map in effect on the current screen: mutating bindings are removed in read-only views
    /// (watch mode, `--read-only`, a `read_only` environment), and approve/reject only exist for a pending
    /// version. The help bar, the `?` screen and dispatch all use this map.
    public var effectiveKeyMap: KeyMap<ConsoleCommand> {
        var map = keyMap
        if isReadOnly { map = map.removing { $0.destructive } }
        // `w` is worth showing once there is a deployment to show.
        if deployment != nil {
            map = KeyMap(
                map.bindings.map {
                    var binding = $0
                    if binding.action == .showDeployment { binding.shownInHelpBar = true }
                    return binding
                })
        }
        // Watch mode: only the pages it rotates through have a key (no `2 registry` when it is not a page).
        if options.isWatch {
            let pageActions: [ConsoleTab: ConsoleCommand] = [
                .dashboard: .dashboard, .registry: .registry, .pending: .pending, .activity: .activity,
            ]
            let hidden = Set(pageActions.filter { !options.pages.contains($0.key) }.values)
            map = map.removing { hidden.contains($0.action) }
        }
        // What the screen shown can do now (its sub-model says: `Screens/`).
        return screen.model.keys(map, in: self)
    }
}

extension ConsoleState {
    /// The keys the watch footer names (`Tab page · ? help · q quit`), from the key table so that overrides
    /// show there too; a command without a key is left out.
    public func watchFooterKeys(glyphs: GlyphSet) -> String {
        let map = effectiveKeyMap
        let named: [(ConsoleCommand, String)] = [(.nextScreen, "page"), (.help, "help"), (.quit, "quit")]
        return named.compactMap { command, word in
            map.binding(forAction: command)?.keys.first.map { "\($0.label(glyphs: glyphs)) \(word)" }
        }.joined(separator: " · ")
    }
}
