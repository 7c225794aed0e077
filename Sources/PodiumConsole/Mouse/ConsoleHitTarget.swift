import TerminalUI

/// What the console draws where, for the mouse: recorded by the code that draws each part (`FrameBuffer.recordHit`),
/// so a click reaches what the operator saw under the pointer.
public enum ConsoleHitTarget: HitTarget {
    /// A tab of the tab bar.
    case tab(ConsoleTab)
    /// Row `index` (in the filtered rows, as the cursor counts) of the list `list` (`ConsoleScreen.listKey`), drawn
    /// in a window of rows that starts at `shownFrom`: a click that selects it keeps that window (`scrolls`), so
    /// the row stays under the pointer for the next click.
    case row(list: String, index: Int, shownFrom: Int = 0)
    /// The body of the screen shown (`list` is its `listKey`): the wheel scrolls it.
    case body(list: String)
    /// An overlay or the progress pane: it covers what is beneath; a click there does nothing.
    case pane
    /// Target `index` of the promotion picker (an overlay: recorded over its `pane`).
    case pickerTarget(Int)
}

extension FrameBuffer {
    /// Records every row `table` shows in `area` as a row of `list`; the table's row 0 is the list's `firstIndex`
    /// (tables that are given only the window of rows that fits start past 0).
    mutating func recordRows(of table: Table, in area: Rect, list: String, firstIndex: Int = 0) {
        let rects = table.rowRects(in: area)
        let shownFrom = firstIndex + (rects.first?.row ?? 0)
        for (row, rect) in rects {
            recordHit(ConsoleHitTarget.row(list: list, index: firstIndex + row, shownFrom: shownFrom), in: rect)
        }
    }
}
