import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// Reads the config and the theme off the input path (`:reload`).
    func reloadEffect(_ state: ConsoleState) -> Effect<ConsoleAction> {
        let (config, mode, themeName) = (state.config, state.options.mode, state.theme.name)
        let (loader, depth, glyphs) = (themeLoader, state.theme.colorDepth, state.theme.glyphs)
        return .task(id: "reload") {
            .reloaded(
                ConsoleReload.read(
                    current: config, mode: mode, themeName: themeName, loader: loader, colorDepth: depth,
                    glyphs: glyphs))
        }
    }

    /// Applies what loaded; errors go to the toast and the status bar, with their `file:line:col`.
    func applyReload(_ state: inout ConsoleState, _ reload: ConsoleReload) -> [Effect<ConsoleAction>] {
        var effects: [Effect<ConsoleAction>] = [.repaint]
        if let config = reload.config, let keyMap = reload.keyMap {
            // `mouse:` changed: the terminal's reporting follows (the handling reads `state.config.mouse`).
            if config.mouse != state.config.mouse { effects.append(.mouseReporting(config.mouse)) }
            state.config = config
            state.keyMap = keyMap
        }
        if let theme = reload.theme { state.theme = theme }
        if let themes = reload.environmentThemes { state.environmentThemes = themes }
        if reload.errors.isEmpty {
            state.toast(reload.summary, kind: .info, lifetime: 8)
        } else {
            state.noteError(reload.errors.joined(separator: "; "), at: state.now)
            state.toast(reload.summary, kind: .error, lifetime: 20)
        }
        return effects
    }
}
