import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// Routes a screen command to the sub-model of the screen shown (`Screens/`): built from the state, it
    /// handles the command and stores what it changed; then its outcome is acted on.
    func handleScreen(_ state: inout ConsoleState, _ command: ConsoleCommand) -> [Effect<ConsoleAction>] {
        var screen = state.screen.model.init(state)
        let outcome = screen.handle(command)
        screen.store(in: &state)
        return apply(outcome, &state)
    }

    /// Turns a screen's outcome into state changes and effects.
    func apply(_ outcome: ScreenOutcome, _ state: inout ConsoleState) -> [Effect<ConsoleAction>] {
        switch outcome {
        case .none:
            return []
        case .moved:
            return describeRowsInView(&state)
        case .openLogs(let environment, let endpoint):
            if state.logFeed?.environment != environment || state.logFeed?.endpoint != endpoint {
                state.logFeed = LogFeed(environment: environment, endpoint: endpoint)
            }
            state.stack.append(.logs(environment: environment, endpoint: endpoint))
            return scheduleRefreshes(&state, force: false)
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
        case .traffic(let row):
            return openTraffic(&state, row)
        }
    }
}
