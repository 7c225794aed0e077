import TerminalUI

/// A list screen's rows and cursor: what every list shares (moving, paging, the row under the cursor). The
/// cursor is kept per list in the state (`ConsoleState.cursors`, by `ConsoleScreen.listKey`).
struct RowList<Row> {
    /// The list's key in the state.
    let key: String
    /// The rows, filtered as shown.
    var rows: [Row]
    /// The cursor (may exceed the rows after a refresh shortened them: `selection` clamps it).
    var cursor: Int
    /// Rows moved by a page key.
    let page: Int

    /// The list of a screen, with its cursor from the state.
    init(_ rows: [Row], of screen: ConsoleScreen, in state: ConsoleState) {
        self.key = screen.listKey
        self.rows = rows
        self.cursor = state.cursor(screen.listKey)
        self.page = Self.page(state)
    }

    /// The rows a page key moves: the terminal's height less the title, tabs, header and bars.
    static func page(_ state: ConsoleState) -> Int { max(1, state.size.height - 8) }

    /// The row under the cursor, or nil for an empty list.
    var selection: Row? { rows.isEmpty ? nil : rows[min(cursor, rows.count - 1)] }

    /// Moves the cursor within the rows (an empty list does not move). Left and right are not list moves.
    mutating func move(_ navigation: NavigationAction) {
        guard !rows.isEmpty, let moved = navigation.position(from: cursor, page: page, last: rows.count - 1) else {
            return
        }
        cursor = moved
    }

    /// A navigation command moves the cursor (`.moved`); any other command is left to the screen (nil).
    mutating func navigate(_ command: ConsoleCommand) -> ScreenOutcome? {
        guard let navigation = command.navigation else { return nil }
        move(navigation)
        return .moved
    }

    /// Stores the cursor if it moved.
    func store(in state: inout ConsoleState) {
        if cursor != state.cursor(key) { state.cursors[key] = cursor }
    }
}
