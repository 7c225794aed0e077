import PodiumCore
import TerminalUI

/// The log view as a sub-model: up and page up scroll back (pausing the follow), down and page down come back,
/// the bottom key or `f` follows again. Esc or `q` leaves (the global back), `/` filters (the global filter).
struct LogsScreen: ScreenModel {
    /// The feed shown (nil: none opened yet).
    var feed: LogFeed?
    /// The lines the filter leaves.
    let shown: Int
    /// Lines a page key scrolls.
    let page: Int

    init(_ state: ConsoleState) {
        feed = state.logFeed
        shown = state.logFeed?.buffer.matching(state.currentFilter).count ?? 0
        page = RowList<Int>.page(state)
    }

    mutating func handle(_ command: ConsoleCommand) -> ScreenOutcome {
        guard var feed else { return .none }
        let top = max(0, shown - 1)
        switch command {
        case .up: feed.scrollBack = min(top, feed.scrollBack + 1)
        case .pageUp: feed.scrollBack = min(top, feed.scrollBack + page)
        case .top: feed.scrollBack = top
        case .down: feed.scrollBack = max(0, feed.scrollBack - 1)
        case .pageDown: feed.scrollBack = max(0, feed.scrollBack - page)
        case .bottom, .follow: feed.scrollBack = 0
        default: return .none
        }
        if feed.scrollBack == 0 { feed.unseen = 0 }
        self.feed = feed
        return .moved
    }

    func store(in state: inout ConsoleState) {
        if let feed { state.logFeed = feed }
    }

    /// A log line opens nothing.
    static func keys(_ map: KeyMap<ConsoleCommand>, in state: ConsoleState) -> KeyMap<ConsoleCommand> {
        map.removing { $0.action == .open }
    }
}
