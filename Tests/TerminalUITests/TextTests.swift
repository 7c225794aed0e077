import Testing

@testable import TerminalUI

/// `Span` and `Line`: widths, clipping by display width, sanitising, per-span styles, whole groups.
@Suite struct TextTests {
    let theme = SnapshotTheme.probe

    @Test func widthsCountDisplayColumns() {
        #expect(Span("abc").width == 3)
        #expect(Span("漢字").width == 4)
        #expect(Span("👍🏽").width == 2)  // emoji with a skin-tone modifier: one grapheme, two columns
        #expect(Span("e\u{301}").width == 1)  // combining acute accent adds nothing
        #expect(Line([Span("ab"), Span("漢"), Span("e\u{301}")]).width == 5)
    }

    @Test func hostileContentIsSanitisedWhenMeasuredAndWritten() {
        let hostile = Span("a\u{1B}[2Jb\u{1B}]0;pwn\u{07}c\r\n\u{8}d", .textStrong)
        #expect(hostile.width == TextLayout.width("a\u{1B}[2Jb\u{1B}]0;pwn\u{07}c\r\n\u{8}d"))
        var buffer = FrameBuffer(width: 12, height: 1)
        buffer.set(Line([hostile]), in: buffer.bounds, theme: theme)
        let text = buffer.textLines()[0]
        #expect(!text.contains("\u{1B}") && !text.contains("pwn") && !text.contains("\n"))
        #expect(text.hasPrefix("abc"))
        #expect(text.hasSuffix("d" + String(repeating: " ", count: 12 - hostile.width)))
    }

    @Test func eachSpanTakesItsOwnRole() {
        var buffer = FrameBuffer(width: 8, height: 1)
        let end = buffer.set(
            Line([Span("ab", .healthOK), Span("cd", .healthCritical), Span("e", style: .plain)]), in: buffer.bounds,
            theme: theme)
        #expect(end == 5)
        #expect(buffer[0, 0].style == theme.style(.healthOK))
        #expect(buffer[1, 0].style == theme.style(.healthOK))
        #expect(buffer[2, 0].style == theme.style(.healthCritical))
        #expect(buffer[3, 0].style == theme.style(.healthCritical))
        #expect(buffer[4, 0].style == .plain)
        #expect(theme.style(.healthOK) != theme.style(.healthCritical))
    }

    @Test func writingALineMatchesWritingItsSpansOneByOne() {
        let spans = [Span("name ", .textStrong), Span("漢字かな", .textDim), Span(" e\u{301}nd", .healthWarn)]
        for width in 1...16 {
            let area = Rect(x: 2, y: 1, width: width, height: 1)
            var byLine = FrameBuffer(width: 20, height: 3)
            byLine.set(Line(spans), in: area, theme: theme)
            var bySpan = FrameBuffer(width: 20, height: 3)
            var x = area.x
            for span in spans {
                guard x < area.maxX else { break }
                x = bySpan.write(span.content, x: x, y: area.y, style: span.style.resolve(in: theme)!, clip: area)
            }
            #expect(byLine == bySpan, "width \(width)")
        }
    }

    @Test func aWideCharacterMeetingTheClipEdgeBecomesASpace() {
        var buffer = FrameBuffer(width: 8, height: 1)
        buffer.set(
            Line([Span("ab", .text), Span("漢字", .healthWarn)]), in: Rect(x: 0, y: 0, width: 5, height: 1), theme: theme)
        #expect(buffer.textLines() == ["ab漢    "])
        #expect(buffer[4, 0].grapheme == " ")
        #expect(buffer[4, 0].style == theme.style(.healthWarn))
        #expect(!buffer[5, 0].isContinuation)
    }

    @Test func transparentGapKeepsWhatIsUnder() {
        var buffer = FrameBuffer(width: 6, height: 1)
        buffer.write("xxxxxx", x: 0, y: 0, style: .plain)
        let end = buffer.set(Line([Span("a"), .gap(2), Span("b")]), in: buffer.bounds, theme: theme)
        #expect(end == 4)
        #expect(buffer.textLines() == ["axxbxx"])
    }

    @Test func alignmentPlacesANarrowLineAndClipsAWideOneFromTheLeft() {
        var buffer = FrameBuffer(width: 6, height: 3)
        buffer.set(Line("ab", alignment: .right), in: buffer.bounds, row: 0, theme: theme)
        buffer.set(Line("ab", alignment: .center), in: buffer.bounds, row: 1, theme: theme)
        buffer.set(Line("abcdefgh", alignment: .right), in: buffer.bounds, row: 2, theme: theme)
        #expect(buffer.textLines() == ["    ab", "  ab  ", "abcdef"])
    }

    @Test func rowsOutsideTheRectangleAreNotWritten() {
        var buffer = FrameBuffer(width: 4, height: 3)
        buffer.set(Line("ab"), in: Rect(x: 0, y: 0, width: 4, height: 1), row: 1, theme: theme)
        #expect(buffer.textLines() == ["    ", "    ", "    "])
    }

    @Test func wholeGroupsFitOrCloseTheLine() {
        var line = Line(limit: 10)
        let first = line.appendWhole([Span("p99 "), Span("56ms")])
        #expect(first)
        #expect(line.remaining == 2)
        let second = line.appendWhole([Span(" avg "), Span("3ms")])
        #expect(!second)
        #expect(line.isClosed)
        // A later group that would fit is not taken either: fields drop from the end, never out of order.
        let third = line.appendWhole([Span("x")])
        #expect(!third)
        #expect(line.spans.map(\.content) == ["p99 ", "56ms"])
        // Wide characters count two columns against the limit.
        var wide = Line(limit: 3)
        let wideFits = wide.appendWhole([Span("漢字")])
        #expect(!wideFits)
    }

    @Test func truncatedSpansEndWithTheEllipsis() {
        var line = Line([Span("ab")], limit: 6)
        line.appendTruncated(Span("disabled: gate", .helpDisabled), ellipsis: "~")
        #expect(line.spans.last == Span("dis~", .helpDisabled))
        #expect(line.width == 6)
        line.appendTruncated(Span("more"))
        #expect(line.spans.count == 2)
        #expect(Span("漢字漢字").truncated(to: 4).content == "漢…")
    }
}
