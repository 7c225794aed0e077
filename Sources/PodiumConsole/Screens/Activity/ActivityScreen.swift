import PodiumCore
import TerminalUI

/// The activity screen as a sub-model: podium's audit records, then the registry's approval changes, under one
/// cursor. Its rows open nothing (an audit record has no screen of its own).
struct ActivityScreen: ScreenModel {
    /// The audit rows and then the approval rows, filtered.
    var list: RowList<ActivityRow>

    init(_ state: ConsoleState) {
        list = RowList(state.auditRows + state.approvalRows, of: .activity, in: state)
    }

    mutating func handle(_ command: ConsoleCommand) -> ScreenOutcome {
        list.navigate(command) ?? .none
    }

    func store(in state: inout ConsoleState) { list.store(in: &state) }

    /// Activity rows open nothing (an audit record has no detail screen of its own).
    static func keys(_ map: KeyMap<ConsoleCommand>, in state: ConsoleState) -> KeyMap<ConsoleCommand> {
        map.removing { $0.action == .open }
    }
}
