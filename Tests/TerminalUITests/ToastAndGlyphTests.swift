import Testing

@testable import TerminalUI

@Suite struct ToastAndGlyphTests {
    @Test func toastsExpireWithInjectedTime() {
        var queue = ToastQueue(capacity: 2)
        queue.post("a", now: 10, lifetime: 5)
        queue.post("b", kind: .error, now: 12, lifetime: 5)
        #expect(queue.visible(at: 14).map(\.message) == ["a", "b"])
        #expect(queue.nextExpiry == 15)
        let removed15 = queue.expire(now: 15)
        #expect(removed15)
        #expect(queue.toasts.map(\.message) == ["b"])
        let removed16 = queue.expire(now: 16)
        #expect(!removed16)
        queue.post("c", now: 16)
        queue.post("d", now: 16)
        #expect(queue.toasts.map(\.message) == ["c", "d"])
        let id = queue.toasts[0].id
        queue.dismiss(id: id)
        #expect(queue.toasts.map(\.message) == ["d"])
        let removed100 = queue.expire(now: 100)
        #expect(removed100)
        #expect(queue.toasts.isEmpty)
    }

    @Test func glyphSetFromLocale() {
        #expect(GlyphSet.detect(environment: ["LANG": "en_US.UTF-8"]) == .unicode)
        #expect(GlyphSet.detect(environment: ["LC_ALL": "C.utf8"]) == .unicode)
        #expect(GlyphSet.detect(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(GlyphSet.detect(environment: ["LC_ALL": "", "LC_CTYPE": "de_DE.UTF-8"]) == .unicode)
        #expect(GlyphSet.detect(environment: ["LANG": "POSIX"]) == .ascii)
        #expect(GlyphSet.detect(environment: [:]) == .ascii)
    }

    @Test func everyASCIIGlyphIsASCIIAndEveryUnicodeGlyphIsOneColumn() {
        let sets: [(GlyphSet, Bool)] = [(.ascii, true), (.unicode, false)]
        for (set, mustBeASCII) in sets {
            let mirror = Mirror(reflecting: set)
            var glyphs: [String] = []
            for child in mirror.children {
                if let s = child.value as? String { glyphs.append(s) }
                if let list = child.value as? [String] { glyphs.append(contentsOf: list) }
            }
            #expect(glyphs.count > 40)
            for glyph in glyphs {
                if mustBeASCII {
                    #expect(glyph.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 }, "\(glyph)")
                }
                let trimmed = glyph.trimmingCharacters(in: " ")
                for ch in trimmed { #expect(CharacterWidth.of(ch) == 1, "\(glyph) is not one column") }
            }
        }
        #expect(GlyphSet.unicode.sparkline.count == 8 && GlyphSet.ascii.sparkline.count == 8)
        #expect(GlyphSet.ascii.spinnerFrame(tick: 5) == "/")
        #expect(GlyphSet.unicode.spinnerFrame(tick: -1) == "⠏")
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String { String(filter { $0 != set }) }
}
