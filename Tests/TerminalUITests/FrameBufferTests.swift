import Testing

@testable import TerminalUI

@Suite struct FrameBufferTests {
    @Test func writesAndClipsText() {
        var buffer = FrameBuffer(width: 10, height: 2)
        let end = buffer.write("hello world", x: 2, y: 0, style: .plain)
        #expect(end == 10)
        #expect(buffer.textLines() == ["  hello wo", "          "])
        buffer.write("abcdef", x: 0, y: 1, style: .plain, clip: Rect(x: 1, y: 1, width: 3, height: 1))
        #expect(buffer.textLines()[1] == " bcd      ")
    }

    @Test func wideCharacterMeetingTheRightEdgeBecomesASpace() {
        var buffer = FrameBuffer(width: 5, height: 1)
        buffer.write("ab漢字", x: 0, y: 0, style: .plain)
        // "漢" fits at columns 2-3, "字" would need columns 4-5: replaced by a space.
        #expect(buffer.textLines() == ["ab漢 "])
        #expect(buffer[3, 0].isContinuation)
        #expect(buffer[4, 0].grapheme == " ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = FrameBuffer(width: 4, height: 1)
        buffer.write("漢字", x: 0, y: 0, style: .plain)
        buffer.write("x", x: 1, y: 0, style: .plain)
        #expect(buffer.textLines() == [" x字"])
        buffer.write("y", x: 2, y: 0, style: .plain)
        #expect(buffer.textLines() == [" xy "])
    }

    @Test func writingSanitizesEscapeSequences() {
        var buffer = FrameBuffer(width: 12, height: 1)
        buffer.write("a\u{1B}[2Jb\u{1B}]0;pwn\u{07}c\r\u{8}d", x: 0, y: 0, style: .plain)
        #expect(buffer.textLines() == ["abcd        "])
    }

    @Test func diffOfIdenticalFramesIsEmpty() {
        var a = FrameBuffer(width: 20, height: 3)
        a.write("status 12:00:00", x: 0, y: 1, style: .plain)
        let b = a
        #expect(b.diff(from: a).isEmpty)
    }

    @Test func diffReportsOnlyChangedRuns() {
        var a = FrameBuffer(width: 20, height: 3)
        a.write("clock 12:00:00", x: 0, y: 1, style: .plain)
        var b = a
        b.write("clock 12:00:01", x: 0, y: 1, style: .plain)
        let changes = b.diff(from: a)
        #expect(changes == [FrameChange(x: 13, y: 1, cells: [Cell(grapheme: "1")])])
    }

    @Test func diffRunsIncludeBothHalvesOfWideCharacters() {
        var a = FrameBuffer(width: 6, height: 1)
        a.write("ab漢", x: 0, y: 0, style: .plain)
        var b = a
        b.write("ab字", x: 0, y: 0, style: .plain)
        let changes = b.diff(from: a)
        #expect(changes.count == 1)
        #expect(changes[0].x == 2)
        #expect(changes[0].cells.map(\.grapheme) == ["字", ""])
    }

    @Test func diffAfterResizeIsTheFullFrame() {
        let a = FrameBuffer(width: 4, height: 2)
        let b = FrameBuffer(width: 5, height: 2)
        #expect(b.diff(from: a).count == 2)
        #expect(b.diff(from: a).allSatisfy { $0.cells.count == 5 })
    }
}
