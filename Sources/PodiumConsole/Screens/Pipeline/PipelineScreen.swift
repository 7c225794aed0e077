import PodiumCore
import TerminalUI

/// The pipeline screen as a sub-model: a cursor over the ledger rows (one per group × environment). Its rows open
/// nothing: the flags' reasons and the machinery are on the screen already.
struct PipelineScreen: ScreenModel {
    /// The ledger rows, as read (empty until the first read lands).
    var list: RowList<LedgerRow>

    init(_ state: ConsoleState) {
        list = RowList(state.pipeline.value?.ledger.rows ?? [], of: .pipeline, in: state)
    }

    mutating func handle(_ command: ConsoleCommand) -> ScreenOutcome {
        list.navigate(command) ?? .none
    }

    func store(in state: inout ConsoleState) { list.store(in: &state) }

    /// Ledger rows open nothing.
    static func keys(_ map: KeyMap<ConsoleCommand>, in state: ConsoleState) -> KeyMap<ConsoleCommand> {
        map.removing { $0.action == .open }
    }
}
