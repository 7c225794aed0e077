import PodiumCore
import TerminalUI

/// The registry's list of model package groups as a sub-model: Enter opens a group's versions.
struct GroupsScreen: ScreenModel {
    /// The groups shown (filtered).
    var list: RowList<ModelGroupSummary>

    init(_ state: ConsoleState) {
        list = RowList(state.groupRows, of: .groups, in: state)
    }

    mutating func handle(_ command: ConsoleCommand) -> ScreenOutcome {
        if let moved = list.navigate(command) { return moved }
        guard command == .open, let group = list.selection else { return .none }
        return .push(.versions(group: group.name))
    }

    func store(in state: inout ConsoleState) { list.store(in: &state) }
}
