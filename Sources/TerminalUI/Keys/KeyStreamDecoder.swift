/// Turns raw terminal input — characters, decoded key codes and bracketed-paste markers, each with the time
/// it arrived — into `KeyEvent`s. Pure: time is passed in, so tests drive it without a terminal.
///
/// - Characters: printable characters, Ctrl-letters (1–26), Enter (CR/LF), Tab, backspace (8, 127), Esc.
/// - Alt-x arrives as Esc followed at once by x: an Esc is held until the end of the burst of input it came
///   in (`endOfInput`), and becomes the Alt modifier of the next key when one follows in the same burst.
/// - Bracketed paste: the text between the start and end markers becomes one `.paste` event. A paste whose
///   end marker never comes (line noise, a `cat` of a binary file, a paste cut off by a dropped connection)
///   ends once no input has arrived for `pasteIdleTimeout`: the text collected so far is delivered as a
///   `.paste` (nothing when empty) and decoding returns to keys. The backend must call `expire(at:)` by
///   `pasteDeadline` even when no input arrives. At most `maxPasteScalars` scalars are kept.
public struct KeyStreamDecoder: Sendable {
    /// How long a paste may go without input before it is ended: 1 s.
    public static let defaultPasteIdleTimeout: Duration = .seconds(1)
    /// Longest paste kept by default, in Unicode scalars (64 Ki; the rest is dropped).
    public static let defaultMaxPasteScalars = 1 << 16

    /// How long an open paste may go without input before it is ended.
    public let pasteIdleTimeout: Duration
    /// Longest paste kept, in Unicode scalars; the rest of a longer paste is dropped.
    public let maxPasteScalars: Int

    private var escapePending = false
    private var pasteBuffer: String.UnicodeScalarView?
    private var pasteScalarCount = 0
    private var lastPasteInput: ContinuousClock.Instant?

    /// Creates a decoder.
    public init(
        pasteIdleTimeout: Duration = KeyStreamDecoder.defaultPasteIdleTimeout,
        maxPasteScalars: Int = KeyStreamDecoder.defaultMaxPasteScalars
    ) {
        self.pasteIdleTimeout = pasteIdleTimeout
        self.maxPasteScalars = max(0, maxPasteScalars)
    }

    /// Whether a bracketed paste is open (between its start marker and its end or timeout).
    public var isInPaste: Bool { pasteBuffer != nil }

    /// When the open paste ends if no more input arrives (nil when no paste is open).
    public var pasteDeadline: ContinuousClock.Instant? {
        guard pasteBuffer != nil, let last = lastPasteInput else { return nil }
        return last + pasteIdleTimeout
    }

    /// Decodes one unit of input that arrived at `now`; returns the events it completes.
    public mutating func decode(_ input: RawKeyInput, at now: ContinuousClock.Instant) -> [KeyEvent] {
        // Input that arrives after the deadline was missed (the backend was busy) still ends the old paste.
        var events = expire(at: now)
        if pasteBuffer != nil {
            lastPasteInput = now
            events += decodeInPaste(input)
            return events
        }
        switch input {
        case .pasteStart:
            events += flushEscape()
            pasteBuffer = String.UnicodeScalarView()
            pasteScalarCount = 0
            lastPasteInput = now
        case .pasteEnd, .unknownKey:
            events += flushEscape()
        case .key(let key):
            events.append(.key(withPendingAlt(key)))
        case .character(27):
            events += flushEscape()
            escapePending = true
        case .character(let value):
            guard let key = KeyStreamDecoder.key(forCharacter: value) else {
                events += flushEscape()
                break
            }
            events.append(.key(withPendingAlt(key)))
        }
        return events
    }

    /// Ends a burst of input: a held Esc with nothing after it is a plain Esc (and an expired paste ends).
    public mutating func endOfInput(at now: ContinuousClock.Instant) -> [KeyEvent] {
        expire(at: now) + flushEscape()
    }

    /// Ends the open paste if no input has arrived for `pasteIdleTimeout`: returns its text as a `.paste`
    /// (nothing when it is empty) and goes back to decoding keys. Does nothing otherwise.
    public mutating func expire(at now: ContinuousClock.Instant) -> [KeyEvent] {
        guard let deadline = pasteDeadline, now >= deadline else { return [] }
        return endPaste(deliverEmpty: false)
    }

    // MARK: - Pieces

    private mutating func endPaste(deliverEmpty: Bool) -> [KeyEvent] {
        guard let buffer = pasteBuffer else { return [] }
        pasteBuffer = nil
        pasteScalarCount = 0
        lastPasteInput = nil
        if buffer.isEmpty && !deliverEmpty { return [] }
        return [.paste(String(buffer))]
    }

    private mutating func flushEscape() -> [KeyEvent] {
        guard escapePending else { return [] }
        escapePending = false
        return [.key(.escape)]
    }

    private mutating func withPendingAlt(_ key: Key) -> Key {
        guard escapePending else { return key }
        escapePending = false
        return Key(key.code, modifiers: key.modifiers.union(.alt))
    }

    private mutating func decodeInPaste(_ input: RawKeyInput) -> [KeyEvent] {
        switch input {
        case .pasteEnd:
            return endPaste(deliverEmpty: true)
        case .character(13), .character(10):
            append("\n")
        case .character(let value):
            if let scalar = Unicode.Scalar(value) { append(scalar) }
        case .key(let key) where key == .enter:
            append("\n")
        case .key, .unknownKey, .pasteStart:
            break
        }
        return []
    }

    private mutating func append(_ scalar: Unicode.Scalar) {
        // The count is kept apart: `UnicodeScalarView.count` walks the whole string.
        guard pasteBuffer != nil, pasteScalarCount < maxPasteScalars else { return }
        pasteBuffer!.append(scalar)
        pasteScalarCount += 1
    }

    /// The key a character read from the terminal stands for (nil for C0/C1 controls with no key).
    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 27: return .escape
        case 0: return Key(.character(" "), modifiers: .ctrl)
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(value) + 96)))
        case 28: return .ctrl("\\")
        case 29: return .ctrl("]")
        case 30: return .ctrl("^")
        case 31: return .ctrl("_")
        case 0..<32, 127..<160: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }
}
