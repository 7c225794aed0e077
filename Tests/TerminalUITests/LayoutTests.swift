import Testing

@testable import TerminalUI

@Suite struct LayoutTests {
    @Test func fixedPercentFlexAndMin() {
        #expect(Layout.sizes(total: 100, [.fixed(10), .percent(20), .flex(1), .flex(3)]) == [10, 20, 18, 52])
        #expect(Layout.sizes(total: 10, [.fixed(3), .flex(1), .flex(1)]) == [3, 4, 3])
        #expect(Layout.sizes(total: 30, [.min(10), .fixed(5)]) == [25, 5])
        #expect(Layout.sizes(total: 30, [.min(10), .flex(1)]) == [20, 10])
    }

    @Test func sizesAlwaysAddUpWhenThereIsFlex() {
        for total in 0...50 {
            let sizes = Layout.sizes(total: total, [.fixed(1), .flex(2), .percent(33), .min(3), .flex(1)])
            #expect(sizes.reduce(0, +) == total, "total \(total): \(sizes)")
            #expect(sizes.allSatisfy { $0 >= 0 })
        }
    }

    @Test func tooSmallCutsFromTheEnd() {
        #expect(Layout.sizes(total: 8, [.fixed(5), .fixed(5), .flex(1)]) == [5, 3, 0])
        #expect(Layout.sizes(total: 0, [.fixed(5)]) == [0])
    }

    @Test func rowsAndColumnsWithSpacing() {
        let area = Rect(x: 2, y: 3, width: 21, height: 10)
        let cols = Layout.columns(area, [.flex(1), .flex(1), .flex(1)], spacing: 1)
        #expect(cols.map(\.x) == [2, 10, 17])
        #expect(cols.map(\.width) == [7, 6, 6])
        let rows = Layout.rows(area, [.fixed(1), .flex(1), .fixed(1)])
        #expect(rows.map(\.y) == [3, 4, 12])
        #expect(rows.map(\.height) == [1, 8, 1])
    }

    @Test func rectHelpers() {
        let r = Rect(x: 0, y: 0, width: 10, height: 5)
        #expect(r.intersection(Rect(x: 8, y: 3, width: 5, height: 5)) == Rect(x: 8, y: 3, width: 2, height: 2))
        #expect(r.intersection(Rect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
        #expect(r.inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 3))
        #expect(r.inset(by: 4).isEmpty)
        #expect(r.centered(width: 4, height: 3) == Rect(x: 3, y: 1, width: 4, height: 3))
    }

    @Test func panelsInAGridLayoutSnapshot() {
        let theme = SnapshotTheme.unicode
        var buffer = FrameBuffer(width: 40, height: 9)
        let rows = Layout.rows(buffer.bounds, [.fixed(3), .flex(1)])
        let cols = Layout.columns(rows[1], [.percent(25), .flex(1), .min(10)])
        Panel(title: "fixed 3").render(into: &buffer, area: rows[0], theme: theme)
        Panel(title: "25%").render(into: &buffer, area: cols[0], theme: theme)
        Panel(title: "flex").render(into: &buffer, area: cols[1], theme: theme)
        Panel(title: "min 10", focused: true).render(into: &buffer, area: cols[2], theme: theme)
        assertSnapshot(buffer, named: "layout-grid")
    }
}
