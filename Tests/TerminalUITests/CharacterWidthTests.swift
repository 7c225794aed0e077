import Testing

@testable import TerminalUI

/// wcwidth-style widths: CJK and emoji 2, combining marks 0, the rest 1.
@Suite struct CharacterWidthTests {
    @Test(
        arguments: [
            ("a", 1), ("é", 1), ("e\u{301}", 1), ("漢", 2), ("한", 2), ("ア", 2), ("ｱ", 1), ("Ａ", 2), ("😀", 2),
            ("🚀", 2), ("❤️", 2), ("❤", 1), ("🇯🇵", 2), ("1️⃣", 2), ("👍🏽", 2), ("│", 1), ("…", 1), ("▁", 1), ("⠋", 1),
            ("\u{301}", 0), ("\u{200B}", 0), ("Ω", 1), ("ß", 1),
        ] as [(String, Int)])
    func characterWidths(text: String, width: Int) {
        #expect(CharacterWidth.of(Character(text)) == width)
    }

    @Test func stringWidths() {
        #expect(CharacterWidth.of("hello") == 5)
        #expect(CharacterWidth.of("漢字abc") == 7)
        #expect(CharacterWidth.of("cafe\u{301}") == 4)
        #expect(CharacterWidth.of("📦 v12") == 6)
    }

    @Test func combiningMarksShareTheCellOfTheirBase() {
        var buffer = FrameBuffer(width: 6, height: 1)
        buffer.write("cafe\u{301}!", x: 0, y: 0, style: .plain)
        #expect(buffer[3, 0].grapheme == "e\u{301}")
        #expect(buffer[4, 0].grapheme == "!")
        // A combining mark with no base is dropped rather than merged into the previous cell.
        var lone = FrameBuffer(width: 3, height: 1)
        lone.write("\u{301}ab", x: 0, y: 0, style: .plain)
        #expect(lone.textLines() == ["ab "])
    }

    @Test func emojiTakeTwoCells() {
        var buffer = FrameBuffer(width: 5, height: 1)
        buffer.write("😀x", x: 0, y: 0, style: .plain)
        #expect(buffer[0, 0].width == 2)
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].grapheme == "x")
    }
}
