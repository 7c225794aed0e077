import Foundation
import Testing

@testable import TerminalUI

@Suite struct FilterNeedleTests {
    /// The rule the fast path must reproduce exactly.
    static func reference(_ filter: String, _ text: String?) -> Bool {
        let needle = filter.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { return true }
        return text?.lowercased().contains(needle) ?? false
    }

    @Test func emptyFilterMatchesEverythingAndNilMatchesNothingElse() {
        #expect(FilterNeedle("  ").matches(nil))
        #expect(FilterNeedle("").matches("x"))
        #expect(!FilterNeedle("a").matches(nil))
    }

    @Test func asciiNeedleIgnoresCaseInUnicodeText() {
        let needle = FilterNeedle(" Drift ")
        #expect(needle.matches("modèle DRIFT 日本語"))
        #expect(needle.matches("données: drift🚀"))
        #expect(!needle.matches("drif t"))
        #expect(FilterNeedle("v42").matches("v42"))
        #expect(!FilterNeedle("v42").matches("v4"))
    }

    @Test func unicodeCasesFollowTheFullRule() {
        // The Kelvin sign lowercases to ASCII "k"; a combining accent after a match makes another character.
        #expect(FilterNeedle("k").matches("\u{212A}") == Self.reference("k", "\u{212A}"))
        #expect(FilterNeedle("e").matches("cafe\u{301}") == Self.reference("e", "cafe\u{301}"))
        #expect(FilterNeedle("données").matches("DONNÉES"))
        #expect(FilterNeedle("i").matches("\u{130}") == Self.reference("i", "\u{130}"))
    }

    @Test func agreesWithTheReferenceOnGeneratedText() {
        let alphabet: [String] = [
            "a", "B", "c", "D", "e", "k", "K", "i", "I", " ", "-", "é", "É", "e\u{301}", "\u{301}", "\u{212A}",
            "\u{130}", "\u{37E}", ";", "\u{1FEF}", "`", "ß", "日", "🚀", "ﬁ", "Σ", "σ", "\r\n", "v", "4", "2",
        ]
        let needles = [
            "a", "ab", "K", "ki", "e", "é", "i", "v42", "B c", "ss", "日", "σ", " d-", "fi", "ﬁ", "dé", "aé k", "kI日",
            "e\u{301}", "ke\u{301}", ";", "a`", "k;é",
        ]
        var seed: UInt64 = 7
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33) % bound
        }
        var checked = 0
        var matched = 0
        for _ in 0..<3_000 {
            let text = (0..<next(12)).map { _ in alphabet[next(alphabet.count)] }.joined()
            for needle in needles {
                let expected = Self.reference(needle, text)
                #expect(FilterNeedle(needle).matches(text) == expected, "\(needle) in \(text.debugDescription)")
                checked += 1
                if expected { matched += 1 }
            }
        }
        // The generator must exercise both answers, or the comparison proves little.
        #expect(matched > checked / 20 && matched < checked - checked / 20)
    }
}
