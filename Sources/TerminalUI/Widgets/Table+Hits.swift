extension Table {
    /// The rows shown in `area` and where each is drawn (the whole width of the area, one line), with the same
    /// scrolling as `render`: what a click on a row of this table should reach.
    public func rowRects(in area: Rect) -> [(row: Int, rect: Rect)] {
        let visible = visibleRowCount(in: area)
        let offset = Table.scrollOffset(
            selected: selectedRow, current: scrollOffset, visibleRows: visible, rowCount: rows.count)
        guard visible > 0, offset < rows.count else { return [] }
        let top = area.y + (showHeader ? 1 : 0)
        return (offset..<min(rows.count, offset + visible)).map { row in
            (row, Rect(x: area.x, y: top + row - offset, width: area.width, height: 1))
        }
    }
}
