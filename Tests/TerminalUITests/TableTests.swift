import Testing

@testable import TerminalUI

@Suite struct TableTests {
    @Test func scrollOffsetKeepsTheSelectionVisible() {
        #expect(Table.scrollOffset(selected: 0, current: 0, visibleRows: 5, rowCount: 20) == 0)
        #expect(Table.scrollOffset(selected: 7, current: 0, visibleRows: 5, rowCount: 20) == 3)
        #expect(Table.scrollOffset(selected: 4, current: 3, visibleRows: 5, rowCount: 20) == 3)
        #expect(Table.scrollOffset(selected: 2, current: 3, visibleRows: 5, rowCount: 20) == 2)
        #expect(Table.scrollOffset(selected: 19, current: 0, visibleRows: 5, rowCount: 20) == 15)
        #expect(Table.scrollOffset(selected: nil, current: 50, visibleRows: 5, rowCount: 20) == 15)
        #expect(Table.scrollOffset(selected: 3, current: 0, visibleRows: 0, rowCount: 20) == 0)
        #expect(Table.scrollOffset(selected: 3, current: 9, visibleRows: 5, rowCount: 0) == 0)
    }

    @Test func columnWidthsRespectMinMaxAndFlex() {
        let table = Table(
            columns: [
                TableColumn("Name", minWidth: 4, flex: 1), TableColumn("N", minWidth: 3, maxWidth: 5),
                TableColumn("Description", minWidth: 5, maxWidth: 12, flex: 2),
            ],
            rows: [TableRow(["a", "123456789", "a very long description indeed"])])
        // Roomy: natural widths (capped by max), then flex shares within maximums.
        #expect(table.columnWidths(total: 60) == [41, 5, 12])
        // Tight: minimums first, then towards natural width round-robin.
        #expect(table.columnWidths(total: 20) == [4, 5, 9])
        // Too small for the minimums: the last columns are cut.
        #expect(table.columnWidths(total: 9) == [4, 3, 0])
        #expect(table.columnWidths(total: 60).reduce(0, +) + 2 == 60)
    }

    @Test func cellRectFollowsScrolling() {
        let rows = (0..<10).map { TableRow([TableCell("row \($0)"), .sparkline([1, 2, 3])]) }
        let table = Table(
            columns: [TableColumn("Name", minWidth: 6), TableColumn("Trend", minWidth: 3, flex: 1)], rows: rows,
            selectedRow: 8)
        let area = Rect(x: 2, y: 1, width: 20, height: 4)
        #expect(table.cellRect(row: 8, column: 1, in: area) == Rect(x: 9, y: 4, width: 13, height: 1))
        #expect(table.cellRect(row: 0, column: 0, in: area) == nil)
        var buffer = FrameBuffer(width: 24, height: 6)
        table.render(into: &buffer, area: area, theme: SnapshotTheme.unicode)
        #expect(buffer.textLines()[4] == "  row 8            ▃▆█  ")
    }

    @Test func hostileCellTextCannotEscapeItsColumn() {
        let table = Table(
            columns: [TableColumn("A", minWidth: 5, maxWidth: 5), TableColumn("B", minWidth: 3)],
            rows: [TableRow(["\u{1B}[2J\u{1B}[H漢字漢字漢字", "ok\r\u{8}"])])
        var buffer = FrameBuffer(width: 12, height: 2)
        table.render(into: &buffer, area: buffer.bounds, theme: SnapshotTheme.unicode)
        #expect(buffer.textLines() == ["A     B     ", "漢字… ok    "])
    }
}
