import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// Routes a screen command to the sub-model of the screen shown (`Screens/`), then acts on its outcome.
    func handleScreen(_ state: inout ConsoleState, _ command: ConsoleCommand) -> [Effect<ConsoleAction>] {
        let outcome: ScreenOutcome
        switch state.screen {
        case .dashboard: outcome = route(DashboardScreen.self, command, &state)
        case .groups: outcome = route(GroupsScreen.self, command, &state)
        case .versions, .pending: outcome = route(VersionListScreen.self, command, &state)
        case .detail: outcome = route(DetailScreen.self, command, &state)
        case .activity: outcome = route(ActivityScreen.self, command, &state)
        }
        return apply(outcome, &state)
    }

    /// Builds the screen's sub-model from the state, lets it handle the command, and stores what it changed.
    private func route<Screen: ScreenModel>(
        _: Screen.Type, _ command: ConsoleCommand, _ state: inout ConsoleState
    ) -> ScreenOutcome {
        var screen = Screen(state)
        let outcome = screen.handle(command)
        screen.store(in: &state)
        return outcome
    }

    /// Turns a screen's outcome into state changes and effects.
    func apply(_ outcome: ScreenOutcome, _ state: inout ConsoleState) -> [Effect<ConsoleAction>] {
        switch outcome {
        case .none:
            return []
        case .moved:
            return describeRowsInView(&state)
        case .push(let screen):
            state.stack.append(screen)
            return scheduleRefreshes(&state, force: false)
        case .openVersions(let group, let running):
            state.stack = [.groups, .versions(group: group)]
            if let running, let index = state.versionRows(group).firstIndex(where: { $0.version == running }) {
                state.cursors[ConsoleScreen.versions(group: group).listKey] = index
            }
            return scheduleRefreshes(&state, force: false)
        case .decide(let version, let decision):
            return askComment(&state, version, decision)
        case .promote(let key):
            return startPromotion(&state, key)
        case .promoteTo(let row):
            return promote(to: row, &state)
        case .rollback(let row):
            return startRollback(&state, row)
        }
    }
}
