import PodiumCore
import TerminalUI

/// A version's detail as a sub-model: the navigation keys scroll it, and the version commands act on the
/// version shown (the freshest summary known, so a decision made elsewhere is seen here too).
struct DetailScreen: ScreenModel {
    /// The screen's key in the state (its scroll offset is kept under it).
    let listKey: String
    /// The freshest known summary of the version (nil until something listed or described it).
    let version: ModelVersion?
    /// The scroll offset.
    var scroll: Int
    /// Lines moved by a page key.
    let page: Int

    init(_ state: ConsoleState) {
        listKey = state.screen.listKey
        if case .detail(let key) = state.screen { version = state.knownVersion(key) } else { version = nil }
        scroll = state.scrolls[listKey] ?? 0
        page = RowList<ModelVersion>.page(state)
    }

    mutating func handle(_ command: ConsoleCommand) -> ScreenOutcome {
        if let navigation = command.navigation {
            // `bottom` goes past the end: the view clamps the offset to the text's length.
            scroll = navigation.position(from: scroll, page: page, last: 10_000) ?? max(0, scroll)
            return .moved
        }
        guard let version else { return .none }
        return VersionCommands.outcome(of: command, on: version, open: false)
    }

    func store(in state: inout ConsoleState) {
        state.scrolls[listKey] = scroll
    }

    /// The detail is not a list: `/` would show a filter that filters nothing. Approve and reject exist only
    /// for a pending version.
    static func keys(_ map: KeyMap<ConsoleCommand>, in state: ConsoleState) -> KeyMap<ConsoleCommand> {
        var map = map.removing { $0.action == .filter }
        if case .detail(let key) = state.screen, state.knownVersion(key)?.status != .pending {
            map = map.removing {
                $0.scope == ConsoleKeys.Scope.detail && ($0.action == .approve || $0.action == .reject)
            }
        }
        return map
    }
}
