import PodiumCore
import TerminalUI

/// A list of model versions as a sub-model: a group's versions (registry) or the pending queue. Both open a
/// version's detail and promote, approve or reject the version under the cursor (the key table decides which
/// of these each screen binds).
struct VersionListScreen: ScreenModel {
    /// The versions shown (filtered).
    var list: RowList<ModelVersion>

    init(_ state: ConsoleState) {
        switch state.screen {
        case .versions(let group): list = RowList(state.versionRows(group), of: state.screen, in: state)
        default: list = RowList(state.pendingRows, of: .pending, in: state)
        }
    }

    mutating func handle(_ command: ConsoleCommand) -> ScreenOutcome {
        if let moved = list.navigate(command) { return moved }
        guard let version = list.selection else { return .none }
        return VersionCommands.outcome(of: command, on: version, open: true)
    }

    func store(in state: inout ConsoleState) { list.store(in: &state) }

    /// An empty pending queue has nothing to open, approve, reject or promote.
    static func keys(_ map: KeyMap<ConsoleCommand>, in state: ConsoleState) -> KeyMap<ConsoleCommand> {
        guard state.screen == .pending, state.pendingRows.isEmpty else { return map }
        return map.removing { $0.scope == ConsoleKeys.Scope.pending }
    }
}

/// What the version commands do to one version, wherever it is shown (a list row or its detail).
enum VersionCommands {
    /// The outcome of `command` on `version`; `open` says whether Enter drills into its detail.
    static func outcome(of command: ConsoleCommand, on version: ModelVersion, open: Bool) -> ScreenOutcome {
        let key = VersionKey(group: version.group, version: version.version)
        switch command {
        case .open: return open ? .push(.detail(key)) : .none
        case .promote: return .promote(key)
        case .approve: return .decide(version, .approved)
        case .reject: return .decide(version, .rejected)
        default: return .none
        }
    }
}
