import Testing

@testable import TerminalUI

/// The pure mouse layer: xterm button numbers into events, events into gestures against the regions a frame
/// recorded, and table rows recorded where the table draws them.
@Suite struct MouseTests {
    enum Target: HitTarget {
        case tab(Int)
        case row(Int)
        case pane
    }

    // MARK: - Events from xterm's button numbers

    @Test("xterm buttons: 1-3 press and release, 4/5 (SGR 64/65) the wheel, the rest unusable")
    func xtermButtons() {
        // SGR `ESC [ < 0 ; 12 ; 3 M` is button 1 down at column 12, row 3 (1-based): cell (11, 2).
        #expect(MouseEvent(xtermButton: 1, released: false, x: 11, y: 2) == MouseEvent(.press(.left), x: 11, y: 2))
        #expect(MouseEvent(xtermButton: 1, released: true, x: 11, y: 2) == MouseEvent(.release(.left), x: 11, y: 2))
        #expect(MouseEvent(xtermButton: 2, released: false, x: 0, y: 0)?.action == .press(.middle))
        #expect(MouseEvent(xtermButton: 3, released: true, x: 0, y: 0)?.action == .release(.right))
        // Cb 64 and 65 are buttons 4 and 5: the wheel, which has no release.
        #expect(MouseEvent(xtermButton: 4, released: false, x: 5, y: 6)?.action == .wheelUp)
        #expect(MouseEvent(xtermButton: 5, released: false, x: 5, y: 6)?.action == .wheelDown)
        #expect(MouseEvent(xtermButton: 4, released: true, x: 5, y: 6) == nil)
        // Cb 66/67 (horizontal wheel), buttons past 7, and positions off the screen are dropped.
        #expect(MouseEvent(xtermButton: 6, released: false, x: 0, y: 0) == nil)
        #expect(MouseEvent(xtermButton: 7, released: false, x: 0, y: 0) == nil)
        #expect(MouseEvent(xtermButton: 0, released: false, x: 0, y: 0) == nil)
        #expect(MouseEvent(xtermButton: 1, released: false, x: -1, y: 0) == nil)
        // Modifiers (SGR adds 4 Shift, 8 Meta, 16 Ctrl to Cb) are kept.
        let modified = MouseEvent(xtermButton: 1, released: false, x: 1, y: 1, modifiers: [.ctrl, .shift])
        #expect(modified?.modifiers == [.ctrl, .shift])
    }

    // MARK: - Gestures

    static let regions: [HitRegion] = {
        var frame = FrameBuffer(width: 40, height: 10)
        frame.recordHit(Target.tab(1), in: Rect(x: 0, y: 0, width: 10, height: 1))
        frame.recordHit(Target.tab(2), in: Rect(x: 10, y: 0, width: 10, height: 1))
        for row in 0..<5 { frame.recordHit(Target.row(row), in: Rect(x: 0, y: 2 + row, width: 40, height: 1)) }
        return frame.hitRegions
    }()

    func gestures(_ events: [MouseEvent], regions: [HitRegion] = Self.regions) -> [MouseInput] {
        var tracker = MouseGestureTracker()
        return events.compactMap { tracker.handle($0, regions: regions) }
    }

    @Test("a press and a release over the same target is a click on it, acted on at the release")
    func click() {
        var tracker = MouseGestureTracker()
        #expect(tracker.handle(MouseEvent(.press(.left), x: 12, y: 0), regions: Self.regions) == nil)
        let click = tracker.handle(MouseEvent(.release(.left), x: 14, y: 0), regions: Self.regions)
        #expect(click?.gesture == .click(.left))
        #expect(click?.target(as: Target.self) == .tab(2))
        #expect(click?.x == 14 && click?.y == 0)
        // X10 releases do not say which button.
        let x10 = gestures([MouseEvent(.press(.left), x: 3, y: 4), MouseEvent(.release(nil), x: 3, y: 4)])
        #expect(x10.map(\.gesture) == [.click(.left)])
        #expect(x10.first?.target(as: Target.self) == .row(2))
    }

    @Test("no click: released over another target, nowhere, without a press, or another button")
    func noClick() {
        #expect(gestures([MouseEvent(.press(.left), x: 0, y: 2), MouseEvent(.release(.left), x: 0, y: 3)]).isEmpty)
        #expect(gestures([MouseEvent(.press(.left), x: 0, y: 2), MouseEvent(.release(.left), x: 0, y: 9)]).isEmpty)
        #expect(gestures([MouseEvent(.press(.left), x: 0, y: 9), MouseEvent(.release(.left), x: 0, y: 9)]).isEmpty)
        #expect(gestures([MouseEvent(.release(.left), x: 0, y: 2)]).isEmpty)
        #expect(gestures([MouseEvent(.press(.left), x: 0, y: 2), MouseEvent(.release(.right), x: 0, y: 2)]).isEmpty)
        // A press alone never acts.
        #expect(gestures([MouseEvent(.press(.left), x: 0, y: 2)]).isEmpty)
        // A right click is a click of the right button (the app decides what, if anything, it does).
        let right = gestures([MouseEvent(.press(.right), x: 0, y: 2), MouseEvent(.release(.right), x: 0, y: 2)])
        #expect(right.map(\.gesture) == [.click(.right)])
    }

    @Test("each wheel notch is a gesture at once, over whatever is under the pointer")
    func wheel() {
        let inputs = gestures([
            MouseEvent(.wheelDown, x: 1, y: 3), MouseEvent(.wheelDown, x: 1, y: 3), MouseEvent(.wheelUp, x: 1, y: 9),
        ])
        #expect(inputs.map(\.gesture) == [.wheel(1), .wheel(1), .wheel(-1)])
        #expect(inputs[0].target(as: Target.self) == .row(1))
        #expect(inputs[2].target == nil)
    }

    @Test("the region recorded last wins: a pane drawn over rows takes their clicks")
    func lastRegionWins() {
        var frame = FrameBuffer(width: 40, height: 10)
        for row in 0..<5 { frame.recordHit(Target.row(row), in: Rect(x: 0, y: 2 + row, width: 40, height: 1)) }
        frame.recordHit(Target.pane, in: Rect(x: 5, y: 3, width: 10, height: 3))
        #expect(frame.hitTarget(x: 6, y: 4) as? Target == .pane)
        #expect(frame.hitTarget(x: 20, y: 4) as? Target == .row(2))
        #expect(frame.hitTarget(x: 20, y: 9) == nil)
        // Clipped to the frame; an empty rectangle records nothing.
        frame.recordHit(Target.tab(9), in: Rect(x: 38, y: 9, width: 10, height: 10))
        frame.recordHit(Target.tab(8), in: Rect(x: 0, y: 0, width: 0, height: 1))
        #expect(frame.hitRegions.last?.rect == Rect(x: 38, y: 9, width: 2, height: 1))
        #expect(frame.hitRegions.count == 7)
    }

    // MARK: - Table rows

    @Test("a table's row rectangles are where render draws each row, scrolled to the selection")
    func tableRows() {
        let rows = (0..<20).map { TableRow([TableCell("row \($0)")]) }
        let table = Table(columns: [TableColumn("Name", minWidth: 6, flex: 1)], rows: rows, selectedRow: 12)
        let area = Rect(x: 2, y: 1, width: 20, height: 6)
        var frame = FrameBuffer(width: 30, height: 10)
        table.render(into: &frame, area: area, theme: .fallback(colorDepth: .c16))
        let rects = table.rowRects(in: area)
        #expect(rects.map(\.row) == Array(8...12))
        let lines = frame.textLines()
        for (row, rect) in rects {
            #expect(rect.x == 2 && rect.width == 20 && rect.height == 1)
            #expect(lines[rect.y].contains("row \(row)"), "row \(row) at y \(rect.y): \(lines[rect.y])")
        }
        #expect(Table(columns: table.columns, rows: []).rowRects(in: area).isEmpty)
    }
}
