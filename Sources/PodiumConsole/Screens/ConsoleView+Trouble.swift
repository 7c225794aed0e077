import Foundation
import PodiumCore
import TerminalUI

/// What the console's bars say about trouble: the critical/warning counts of the tab strip (or status bar),
/// the watch mode's critical banner, and the help bar of an open dialog.
extension ConsoleView {
    /// The keys the help bar lists: an open dialog's own keys while it takes the keys (a list's keys would
    /// do nothing there), else the screen's.
    var helpBarKeyMap: KeyMap<ConsoleCommand> {
        // A dialog's own bindings, shown as if global (the help bar is drawn for the screen's scope).
        func dialog(_ scope: String) -> KeyMap<ConsoleCommand> {
            KeyMap(
                state.effectiveKeyMap.bindings.filter { $0.scope == scope }.map {
                    var binding = $0
                    binding.scope = KeyScope.global
                    return binding
                })
        }
        switch state.overlay {
        case .comment: return dialog(ConsoleKeys.Scope.comment)
        case .filter: return dialog(ConsoleKeys.Scope.filter)
        case .command: return dialog(ConsoleKeys.Scope.command)
        case .promotePicker(let picker): return dialog(picker.scope)
        case .confirmQuit: return dialog(ConsoleKeys.Scope.quit)
        case .signIn:
            // Only what the pane's phase accepts (no "sign in again" while the sign-in still waits).
            return dialog(ConsoleKeys.Scope.signIn).removing { !(state.signIn?.accepts($0.action) ?? false) }
        case .traffic(let pane): return dialog(pane.scope)
        case .help, .plan, .none: return state.effectiveKeyMap
        }
    }

    /// `CRITICAL churn-prod (prod): alarm churn-prod-5xx ALARM` when an endpoint is critical, else nil.
    var criticalBannerText: String? {
        let critical = state.config.environments.flatMap { env in
            (state.health[env.name]?.value?.endpoints ?? []).filter { $0.level == .critical }
        }
        guard let first = critical.first else { return nil }
        let others = critical.count > 1 ? " and \(critical.count - 1) more" : ""
        let reason = first.reasons.first.map { ": " + $0 } ?? ""
        return "CRITICAL \(first.endpointName) (\(first.environment))\(reason)\(others)"
    }

    /// The critical and warning endpoint counts at the right of the tab strip, on every screen
    /// (`✗ 1 CRIT churn-prod  2 WARN`): an incident is never out of sight. When the tab strip has no room,
    /// the counts lead the status bar instead (`troubleInStatusBar`).
    func renderTroubleCount(into frame: inout FrameBuffer, row: Rect, after used: Int, theme: Theme) {
        guard let pieces = troublePieces(theme: theme, room: row.maxX - used - 1) else { return }
        // Flush right, each piece followed by one untouched column.
        frame.set(Line(pieces.flatMap { [Span($0.0, $0.1), .gap(1)] }, alignment: .right), in: row, theme: theme)
    }

    /// The columns the tabs take (as `renderTabs` draws them).
    var tabsWidth: Int {
        let tabs = state.options.isWatch ? state.options.pages : ConsoleTab.allCases
        return 1
            + tabs.reduce(0) { total, tab in
                let number = (ConsoleTab.allCases.firstIndex(of: tab) ?? 0) + 1
                var label = state.options.isWatch ? " \(tab.title) " : " \(number) \(tab.title) "
                if tab == .pending, let count = state.pending.value?.count { label = label.dropLast() + " (\(count)) " }
                return total + TextLayout.width(label) + 1
            }
    }

    /// The trouble counts as pieces that fit in `room` columns (names dropped first), nil when they do not
    /// fit or nothing is loaded yet.
    func troublePieces(theme: Theme, room: Int) -> [(String, ThemeRole)]? {
        guard TroubleSummary.isKnown(state) else { return nil }
        let trouble = TroubleSummary(state)
        func pieces(names: Bool) -> [(String, ThemeRole)] {
            var out: [(String, ThemeRole)] = []
            if !trouble.critical.isEmpty {
                var text = " \(theme.glyphs.cross) \(trouble.critical.count) CRIT"
                if names && trouble.critical.count <= 2 { text += " " + trouble.critical.joined(separator: ", ") }
                out.append((text + " ", .healthCritical))
            }
            if !trouble.warning.isEmpty { out.append((" \(trouble.warning.count) WARN ", .healthWarn)) }
            if out.isEmpty && names { out.append(("\(theme.glyphs.check) no endpoint in trouble ", .textDim)) }
            return out
        }
        for candidate in [pieces(names: true), pieces(names: false)] {
            if candidate.reduce(0, { $0 + TextLayout.width($1.0) + 1 }) <= room { return candidate }
        }
        return nil
    }

    /// Whether the trouble counts go to the status bar (the tab strip is too narrow for them).
    var troubleInStatusBar: Bool {
        let theme = state.theme
        let room = state.size.width - tabsWidth - 1
        guard TroubleSummary.isKnown(state), troublePieces(theme: theme, room: room) == nil else { return false }
        return true
    }
}
