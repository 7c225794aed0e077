import TerminalUI
import Testing

@testable import PodiumConsole

@Suite struct RowWindowTests {
    @Test func emptyListHasAnEmptyWindow() {
        let window = RowWindow(rowCount: 0, selected: nil, tableHeight: 20)
        #expect(window.range == 0..<0)
        #expect(window.offset == 0)
    }

    @Test func shortListShowsEveryRow() {
        let window = RowWindow(rowCount: 5, selected: 3, tableHeight: 20)
        #expect(window.range == 0..<5)
        #expect(window.selectedInWindow(3) == 3)
    }

    @Test func longListShowsOnlyWhatFitsUnderTheHeader() {
        // 10 lines: a header and 9 rows.
        let window = RowWindow(rowCount: 10_000, selected: 0, tableHeight: 10)
        #expect(window.range == 0..<9)
    }

    @Test func selectionBelowTheWindowScrollsItToTheLastLine() {
        let window = RowWindow(rowCount: 10_000, selected: 5_000, tableHeight: 10)
        #expect(window.range == 4_992..<5_001)
        #expect(window.selectedInWindow(5_000) == 8)
    }

    @Test func keptScrollMovesOnlyAsFarAsTheSelectionNeeds() {
        // Scrolled to 100 with the cursor inside the window: the window stays.
        #expect(RowWindow(rowCount: 10_000, selected: 104, current: 100, tableHeight: 10).range == 100..<109)
        // Cursor above the window: it becomes the first line.
        #expect(RowWindow(rowCount: 10_000, selected: 50, current: 100, tableHeight: 10).range == 50..<59)
        // A scroll past the end is clamped to the last full window.
        #expect(RowWindow(rowCount: 20, selected: nil, current: 100, tableHeight: 10).range == 11..<20)
    }

    @Test func headerOnlyAreaBuildsOneRowAtMost() {
        // No data line fits: one row keeps the table from showing its empty message over a non-empty list.
        #expect(RowWindow(rowCount: 100, selected: 42, tableHeight: 1).range.count == 1)
        #expect(RowWindow(rowCount: 100, selected: 42, tableHeight: 0).range.count == 1)
    }

    @Test func windowMatchesTheOffsetTheTableWouldChooseOverAllRows() {
        for selected in [0, 7, 8, 9, 500, 9_999] {
            for current in [0, 3, 9_995] {
                let window = RowWindow(rowCount: 10_000, selected: selected, current: current, tableHeight: 9)
                let expected = Table.scrollOffset(
                    selected: selected, current: current, visibleRows: 8, rowCount: 10_000)
                #expect(window.offset == expected)
                #expect(window.range.contains(selected))
            }
        }
    }
}
