import PodiumCore
import TerminalUI

/// The dashboard as a sub-model: one row per configured endpoint, in promotion order. Left and right jump
/// between environments; Enter opens the endpoint's group; `p` and `b` act on the endpoint.
struct DashboardScreen: ScreenModel {
    /// The endpoints shown (filtered, or one environment with `:env`).
    var list: RowList<DashboardRow>

    init(_ state: ConsoleState) {
        list = RowList(state.dashboardRows, of: .dashboard, in: state)
    }

    mutating func handle(_ command: ConsoleCommand) -> ScreenOutcome {
        if let navigation = command.navigation, navigation == .left || navigation == .right {
            if !list.rows.isEmpty {
                let target = Self.environmentJump(rows: list.rows, from: list.cursor, forward: navigation == .right)
                list.cursor = max(0, min(target, list.rows.count - 1))
            }
            return .moved
        }
        if let moved = list.navigate(command) { return moved }
        guard let row = list.selection else { return .none }
        switch command {
        case .open: return .openVersions(group: row.spec.modelPackageGroup, running: row.health?.deployment.version)
        case .promote: return .promoteTo(row)
        case .rollback: return .rollback(row)
        case .logs: return .openLogs(environment: row.environment.name, endpoint: row.spec.name)
        case .traffic: return .traffic(row)
        default: return .none
        }
    }

    func store(in state: inout ConsoleState) { list.store(in: &state) }

    /// Roll back needs an endpoint in an environment that is not read-only, and waits for a running deployment.
    static func keys(_ map: KeyMap<ConsoleCommand>, in state: ConsoleState) -> KeyMap<ConsoleCommand> {
        var map = map
        if let row = state.selection(of: state.dashboardRows, on: .dashboard) {
            if state.isReadOnly(environment: row.environment.name) {
                map = map.removing { $0.action == .rollback }
            } else if let run = state.deployment, run.isRunning {
                map.setDisabledReason("\(run.label) is running", forAction: .rollback)
            }
        } else {
            map = map.removing { $0.action == .rollback }
        }
        // `t` is offered where there is weight to move: two production variants or more, not read-only.
        let selected = state.selection(of: state.dashboardRows, on: .dashboard)
        let variants = selected?.health?.deployment.variants.filter { $0.role == .production } ?? []
        if variants.count < 2 || selected.map({ state.isReadOnly(environment: $0.environment.name) }) ?? true {
            map = map.removing { $0.action == .traffic }
        }
        return map
    }

    /// The first endpoint of the next (or previous) environment.
    static func environmentJump(rows: [DashboardRow], from cursor: Int, forward: Bool) -> Int {
        guard !rows.isEmpty else { return 0 }
        let current = rows[min(cursor, rows.count - 1)].environment.name
        let names = rows.map(\.environment.name).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        guard let index = names.firstIndex(of: current) else { return cursor }
        let target = names[(index + (forward ? 1 : names.count - 1)) % names.count]
        return rows.firstIndex { $0.environment.name == target } ?? cursor
    }
}
