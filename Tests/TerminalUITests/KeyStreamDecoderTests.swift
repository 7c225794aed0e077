import Testing

@testable import TerminalUI

/// The pure input decoder: bytes and paste markers with injected arrival times, no terminal.
@Suite struct KeyStreamDecoderTests {
    let start = ContinuousClock.now

    func at(_ milliseconds: Int) -> ContinuousClock.Instant {
        start + .milliseconds(milliseconds)
    }

    /// Feeds a string as characters, all arriving at `time`.
    func feed(_ text: String, into decoder: inout KeyStreamDecoder, at time: ContinuousClock.Instant) -> [KeyEvent] {
        text.unicodeScalars.flatMap { decoder.decode(.character($0.value), at: time) }
    }

    @Test func decodesCharactersControlsAndAlt() {
        var d = KeyStreamDecoder()
        #expect(feed("a日", into: &d, at: at(0)) == [.key(.char("a")), .key(.char("日"))])
        #expect(d.decode(.character(13), at: at(0)) == [.key(.enter)])
        #expect(d.decode(.character(127), at: at(0)) == [.key(.backspace)])
        #expect(d.decode(.character(18), at: at(0)) == [.key(.ctrl("r"))])
        #expect(d.decode(.character(9), at: at(0)) == [.key(.tab)])
        // Esc then x in one burst is Alt-x; a lone Esc is Esc once the burst ends.
        #expect(d.decode(.character(27), at: at(0)).isEmpty)
        #expect(d.decode(.character(UInt32(("x" as Unicode.Scalar).value)), at: at(0)) == [.key(.alt("x"))])
        #expect(d.decode(.character(27), at: at(0)).isEmpty)
        #expect(d.endOfInput(at: at(0)) == [.key(.escape)])
        #expect(d.decode(.key(.up), at: at(0)) == [.key(.up)])
        #expect(d.decode(.unknownKey, at: at(0)).isEmpty)
        #expect(d.decode(.character(0x9B), at: at(0)).isEmpty, "a C1 control is no key")
    }

    @Test func terminatedPasteIsOneEvent() {
        var d = KeyStreamDecoder()
        #expect(d.decode(.pasteStart, at: at(0)).isEmpty)
        #expect(d.isInPaste)
        #expect(feed("q\ry", into: &d, at: at(1)).isEmpty, "keys inside a paste are text, not commands")
        #expect(d.decode(.key(.enter), at: at(2)).isEmpty)
        #expect(d.decode(.key(.up), at: at(2)).isEmpty)
        #expect(d.decode(.pasteEnd, at: at(3)) == [.paste("q\ny\n")])
        #expect(!d.isInPaste)
        #expect(d.pasteDeadline == nil)
        #expect(feed("q", into: &d, at: at(4)) == [.key(.char("q"))])
        // An empty but terminated paste is still reported.
        _ = d.decode(.pasteStart, at: at(5))
        #expect(d.decode(.pasteEnd, at: at(5)) == [.paste("")])
    }

    @Test func unterminatedPasteEndsAfterIdleTimeoutAndKeysWorkAgain() {
        // Bug B1: `ESC [200~` with no `ESC [201~` swallowed every later key.
        var d = KeyStreamDecoder(pasteIdleTimeout: .seconds(1))
        _ = d.decode(.pasteStart, at: at(0))
        #expect(feed("3q", into: &d, at: at(100)).isEmpty)
        #expect(d.pasteDeadline == at(1100), "each byte pushes the deadline back")
        #expect(d.expire(at: at(1099)).isEmpty, "not yet idle for a full second")
        #expect(d.isInPaste)
        #expect(d.expire(at: at(1100)) == [.paste("3q")])
        #expect(!d.isInPaste)
        #expect(d.pasteDeadline == nil)
        #expect(d.expire(at: at(5000)).isEmpty, "nothing more to end")
        #expect(feed("q", into: &d, at: at(1200)) == [.key(.char("q"))])
        #expect(d.decode(.character(3), at: at(1200)) == [.key(.ctrl("c"))])
        _ = d.decode(.character(27), at: at(1300))
        #expect(d.endOfInput(at: at(1300)) == [.key(.escape)])
    }

    @Test func lateInputAfterTheDeadlineEndsThePasteFirst() {
        // The backend missed the deadline (it was busy): the next key still ends the paste, then counts as a key.
        var d = KeyStreamDecoder(pasteIdleTimeout: .milliseconds(500))
        _ = d.decode(.pasteStart, at: at(0))
        _ = feed("ab", into: &d, at: at(10))
        #expect(feed("j", into: &d, at: at(2000)) == [.paste("ab"), .key(.char("j"))])
        // Same through endOfInput.
        _ = d.decode(.pasteStart, at: at(3000))
        _ = feed("c", into: &d, at: at(3000))
        #expect(d.endOfInput(at: at(3499)).isEmpty)
        #expect(d.endOfInput(at: at(3500)) == [.paste("c")])
    }

    @Test func emptyUnterminatedPasteIsDropped() {
        var d = KeyStreamDecoder(pasteIdleTimeout: .seconds(1))
        _ = d.decode(.pasteStart, at: at(0))
        #expect(d.pasteDeadline == at(1000))
        #expect(d.expire(at: at(1000)).isEmpty)
        #expect(!d.isInPaste)
        #expect(d.decode(.key(.down), at: at(1001)) == [.key(.down)])
    }

    @Test func pendingEscapeBeforeAPasteIsAnEscape() {
        var d = KeyStreamDecoder()
        _ = d.decode(.character(27), at: at(0))
        #expect(d.decode(.pasteStart, at: at(0)) == [.key(.escape)])
        #expect(d.decode(.pasteStart, at: at(0)).isEmpty, "a second start inside a paste is ignored")
        _ = feed("x", into: &d, at: at(0))
        #expect(d.decode(.pasteEnd, at: at(0)) == [.paste("x")])
        #expect(d.decode(.pasteEnd, at: at(0)).isEmpty, "a stray end marker is ignored")
    }

    @Test func pasteIsCappedAndStillEnds() {
        var d = KeyStreamDecoder(pasteIdleTimeout: .seconds(1), maxPasteScalars: 8)
        _ = d.decode(.pasteStart, at: at(0))
        _ = feed(String(repeating: "0123456789", count: 1000), into: &d, at: at(1))
        #expect(d.decode(.pasteEnd, at: at(2)) == [.paste("01234567")])
        // A capped paste that is never terminated still ends, and only the cap is kept.
        _ = d.decode(.pasteStart, at: at(10))
        _ = feed(String(repeating: "x", count: 50), into: &d, at: at(20))
        #expect(d.expire(at: at(1020)) == [.paste("xxxxxxxx")])
        #expect(feed("k", into: &d, at: at(1021)) == [.key(.char("k"))])
    }

    @Test func defaultCapKeepsLargePastesLinear() {
        // 200 000 scalars, past the cap: counting the buffer on each append (as before) made this quadratic.
        var d = KeyStreamDecoder()
        _ = d.decode(.pasteStart, at: at(0))
        for _ in 0..<200_000 { _ = d.decode(.character(0x61), at: at(1)) }
        let events = d.decode(.pasteEnd, at: at(2))
        guard case .paste(let text)? = events.first else {
            Issue.record("no paste: \(events)")
            return
        }
        #expect(text.unicodeScalars.count == KeyStreamDecoder.defaultMaxPasteScalars)
    }
}
