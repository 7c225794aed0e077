import PodiumTestSupport
import Testing

@testable import TerminalUI

/// Random input streams through `KeyStreamDecoder`: bytes (controls, Esc bursts, UTF-8 lead bytes), arbitrary
/// 32-bit values (surrogates, beyond U+10FFFF), decoded keys, unknown key codes and stray paste markers, at random
/// times. No crash, and every input is accounted for: at most one key per input, pastes capped, and nothing
/// left pending once a burst ends and the paste deadline has passed. Replay with `PODIUM_FUZZ_SEED`.
@Suite struct FuzzKeyDecoderTests {
    static let streams = 2_000
    static let maxPaste = 64

    static func input(_ random: inout SeededRandom) -> RawKeyInput {
        switch random.below(100) {
        case 0..<55: return .character(UInt32(random.below(256)))
        case 55..<70: return .character(27)
        case 70..<80: return .character(UInt32(truncatingIfNeeded: random.next()))
        case 80..<85: return .character(0xD800 + UInt32(random.below(0x800)))
        case 85..<90:
            return .key([Key.enter, .tab, .backTab, .backspace, .escape, .f(random.below(30))][random.below(6)])
        case 90..<93: return .unknownKey
        case 93..<97: return .pasteStart
        default: return .pasteEnd
        }
    }

    @Test func randomStreamsAreConsumedAndBounded() {
        let seed = SeededRandom.seed(fallback: 0x4B45_5953)
        var random = SeededRandom(seed: seed)
        print("key decoder fuzz: \(Self.streams) streams, seed \(seed) (replay: PODIUM_FUZZ_SEED=\(seed))")
        var totalInputs = 0
        var problems: [String] = []
        for stream in 0..<Self.streams {
            var decoder = KeyStreamDecoder(pasteIdleTimeout: .milliseconds(50), maxPasteScalars: Self.maxPaste)
            var now = ContinuousClock.now
            var inputs = 0
            var keys = 0
            var pastes = 0
            var pasteStarts = 0
            func take(_ events: [KeyEvent], limit: Int, _ context: String) {
                if events.count > limit { problems.append("stream \(stream): \(events.count) events \(context)") }
                for event in events {
                    switch event {
                    case .key: keys += 1
                    case .paste(let text):
                        pastes += 1
                        if text.unicodeScalars.count > Self.maxPaste {
                            problems.append("stream \(stream): paste of \(text.unicodeScalars.count) scalars")
                        }
                    case .resize: problems.append("stream \(stream): a resize from key input")
                    case .mouse: problems.append("stream \(stream): a mouse report from key input")
                    }
                }
            }
            for _ in 0..<(1 + random.below(300)) {
                let input = Self.input(&random)
                if input == .pasteStart { pasteStarts += 1 }
                inputs += 1
                // An expired paste, a held Esc, and the key itself: never more.
                take(decoder.decode(input, at: now), limit: 3, "for one input")
                switch random.below(10) {
                case 0: take(decoder.endOfInput(at: now), limit: 2, "at the end of a burst")
                case 1: take(decoder.expire(at: now), limit: 1, "on expiry")
                default: break
                }
                now += .milliseconds(random.below(40))
            }
            // The stream ends: after the deadline, nothing is held back.
            now += .milliseconds(100)
            take(decoder.endOfInput(at: now), limit: 2, "at the end")
            if decoder.isInPaste { problems.append("stream \(stream): paste still open after its deadline") }
            if !decoder.endOfInput(at: now).isEmpty { problems.append("stream \(stream): input left pending") }
            if keys > inputs { problems.append("stream \(stream): \(keys) keys from \(inputs) inputs") }
            if pastes > pasteStarts { problems.append("stream \(stream): \(pastes) pastes from \(pasteStarts) starts") }
            totalInputs += inputs
        }
        print(
            "key decoder fuzz: seed \(seed): \(totalInputs) inputs in \(Self.streams) streams, \(problems.count) problems"
        )
        #expect(totalInputs > Self.streams * 100)
        #expect(problems.isEmpty, "seed \(seed): \(problems.prefix(10))")
    }
}
