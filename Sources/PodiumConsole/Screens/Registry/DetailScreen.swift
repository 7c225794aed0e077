import PodiumCore
import TerminalUI

/// A version's detail as a sub-model: the navigation keys scroll it, and the version commands act on the
/// version shown (the freshest summary known, so a decision made elsewhere is seen here too).
struct DetailScreen: ScreenModel {
    /// The version's key.
    let key: VersionKey
    /// The freshest known summary of the version (nil until something listed or described it).
    let version: ModelVersion?
    /// The scroll offset.
    var scroll: Int
    /// Lines moved by a page key.
    let page: Int

    init(_ state: ConsoleState) {
        guard case .detail(let key) = state.screen else {
            preconditionFailure("DetailScreen built for \(state.screen)")
        }
        self.key = key
        self.version = state.knownVersion(key)
        self.scroll = state.scrolls[state.screen.listKey] ?? 0
        self.page = RowList<ModelVersion>.page(state)
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
        state.scrolls[ConsoleScreen.detail(key).listKey] = scroll
    }
}
