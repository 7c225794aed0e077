import PodiumTestSupport
import Testing

@testable import TerminalUI

/// Hostile strings must never put a control character or escape sequence into a cell.
@Suite struct SanitizerTests {
    let sanitizer = Sanitizer.default

    static func isSafe(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { v in
            let x = v.value
            return !(x < 0x20 || (0x7F...0x9F).contains(x) || Sanitizer.isBidiControl(x) || Sanitizer.isZeroWidth(x))
        }
    }

    @Test(arguments: HostileStrings.sanitizerCases)
    func removesControlsAndSequences(input: String, expected: String) {
        let out = sanitizer.sanitize(input)
        #expect(out == expected)
        #expect(Self.isSafe(out))
    }

    @Test func bidiOverridesAreMadeVisible() {
        let out = sanitizer.sanitize("invoice\u{202E}fdp.exe\u{202C} \u{2066}x\u{2069}")
        #expect(out == "invoice<U+202E>fdp.exe<U+202C> <U+2066>x<U+2069>")
        let removing = Sanitizer(bidiPolicy: .remove)
        #expect(removing.sanitize("a\u{202E}b\u{200F}c") == "abc")
        let visibleZeroWidth = Sanitizer(zeroWidthPolicy: .visible)
        #expect(visibleZeroWidth.sanitize("a\u{200B}b") == "a<U+200B>b")
    }

    @Test func newlinesKeptInMultilineMode() {
        #expect(Sanitizer.multiline.sanitize("a\r\nb\u{1B}[Kc\nd") == "a\nbc\nd")
    }

    @Test func tenKilobyteStringsAreTruncated() {
        let long = String(repeating: "0123456789", count: 1024)
        let out = sanitizer.sanitize(long)
        #expect(out.count == 4096)
        #expect(out.hasSuffix("…"))
        let capped = Sanitizer(maxGraphemes: 10).sanitize(long)
        #expect(capped == "012345678…")
        #expect(Sanitizer(maxGraphemes: 10).sanitize("0123456789") == "0123456789")
        // 10 KB of escape sequences: nothing survives, and it is fast enough not to matter.
        let hostile = String(repeating: "\u{1B}[2J\u{1B}]0;x\u{7}", count: 1000)
        #expect(sanitizer.sanitize(hostile).isEmpty)
    }

    @Test func truncationCountsGraphemesNotBytes() {
        let wide = String(repeating: "漢", count: 5000)
        let out = sanitizer.sanitize(wide)
        #expect(out.count == 4096)
        #expect(out.last == "…")
    }

    @Test func randomHostileInputNeverLeaksControls() {
        var rng = SplitMix64(seed: 42)
        let alphabet: [Unicode.Scalar] = [
            "\u{1B}", "[", "]", "P", "\\", "\u{7}", "\u{9B}", "\u{9D}", "\u{9C}", "\r", "\u{8}", "\n", "\t", "0", ";",
            "m", "H", "a", "漢", "\u{202E}", "\u{200D}", "\u{85}", "\u{0}", "(", "?", "\u{301}",
        ]
        for _ in 0..<500 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 60) { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            let out = sanitizer.sanitize(String(s))
            #expect(Self.isSafe(out), "unsafe output for \(String(s).debugDescription)")
            var buffer = FrameBuffer(width: 20, height: 1)
            buffer.write(String(s), x: 0, y: 0, style: .plain)
            #expect(buffer.cells.allSatisfy { Self.isSafe($0.grapheme) })
        }
    }

    @Test func hostileStringsInAFrameBufferStayInTheirArea() {
        var buffer = FrameBuffer(width: 12, height: 3)
        let area = Rect(x: 2, y: 1, width: 6, height: 1)
        buffer.write("\u{1B}[1;1Hx\n\n\ry\u{1B}[2Kz漢字漢字", x: area.x, y: area.y, style: .plain, clip: area)
        #expect(buffer.textLines() == ["            ", "  x  yz     ", "            "])
    }

    @Test func wideCharacterAtTheScreenEdgeIsNeverHalfDrawn() {
        for width in 1...6 {
            var buffer = FrameBuffer(width: width, height: 1)
            buffer.write("a漢字", x: 0, y: 0, style: .plain)
            let line = buffer.textLines()[0]
            #expect(CharacterWidth.of(line) == width, "width \(width): \(line)")
            // Every lead wide cell has its continuation inside the buffer.
            for x in 0..<width where buffer[x, 0].width == 2 {
                #expect(x + 1 < width && buffer[x + 1, 0].isContinuation)
            }
        }
        var left = FrameBuffer(width: 4, height: 1)
        left.write("漢字", x: -1, y: 0, style: .plain)
        #expect(left.textLines() == [" 字 "])
    }
}

/// A small deterministic generator for property-style tests.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
