import TerminalUI

/// The slice of a long list that one frame shows: a frame builds table rows for these indices only, so its
/// cost follows what fits on screen, not the length of the list (a registry can hold thousands of versions).
struct RowWindow: Equatable {
    /// The first index shown.
    let offset: Int
    /// The indices shown (empty for an empty list).
    let range: Range<Int>

    /// The window that keeps `selected` visible, scrolled from `current` as little as possible (the same offset
    /// `Table` would choose over all the rows), for a table area `tableHeight` rows high including its header.
    init(rowCount: Int, selected: Int?, current: Int = 0, tableHeight: Int) {
        let visible = max(0, tableHeight - 1)
        let offset = Table.scrollOffset(selected: selected, current: current, visibleRows: visible, rowCount: rowCount)
        self.offset = offset
        // At least one row when the list is not empty, so a header-only area does not show the empty message.
        self.range = rowCount == 0 ? 0..<0 : offset..<min(rowCount, offset + max(visible, 1))
    }

    /// The selection relative to the window, for `Table.selectedRow`.
    func selectedInWindow(_ selected: Int?) -> Int? { selected.map { $0 - offset } }
}
