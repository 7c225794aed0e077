import CNCursesShim
import TerminalUI

/// Turns what `wget_wch` returns into `KeyEvent`s.
///
/// - Characters: printable characters (any UTF-8 input, decoded by ncurses), Ctrl-letters (1–26),
///   Enter (CR/LF), Tab, backspace in all its forms (127, 8, KEY_BACKSPACE), Esc.
/// - Alt-x arrives as Esc followed at once by x: an Esc is held until the end of the burst of input it
///   came in, and becomes the Alt modifier of the next key when one follows in the same burst.
/// - Key codes: arrows, Home/End, PgUp/PgDn, Insert/Delete, F1–F24, Shift-Tab (KEY_BTAB), and the
///   modified arrows terminfo names `kUP5` (Ctrl), `kUP3` (Alt), `kUP2` (Shift)...
/// - Bracketed paste: the text between the paste-start and paste-end codes becomes one `.paste` event.
struct KeyDecoder {
    /// Key codes given to `define_key` for the bracketed-paste markers (above ncurses' own codes).
    static let pasteStartCode: UInt32 = 0x7F01
    /// See `pasteStartCode`.
    static let pasteEndCode: UInt32 = 0x7F02

    /// Longest paste kept (the rest is dropped, so a huge paste cannot exhaust memory).
    static let maxPasteScalars = 1 << 20

    private var escapePending = false
    private var pasteBuffer: String.UnicodeScalarView?
    private var extendedNames: [UInt32: String] = [:]

    /// Decodes one character (`isKeyCode == false`) or key code; returns the events it completes.
    mutating func decode(_ value: UInt32, isKeyCode: Bool) -> [KeyEvent] {
        if pasteBuffer != nil { return decodeInPaste(value, isKeyCode: isKeyCode) }
        if isKeyCode {
            if value == KeyDecoder.pasteStartCode {
                let events = flushEscape()
                pasteBuffer = String.UnicodeScalarView()
                return events
            }
            if value == KeyDecoder.pasteEndCode { return flushEscape() }
            guard let key = key(forCode: Int32(bitPattern: value)) else { return flushEscape() }
            return [.key(withPendingAlt(key))]
        }
        if value == 27 {
            let events = flushEscape()
            escapePending = true
            return events
        }
        guard let key = key(forCharacter: value) else { return flushEscape() }
        return [.key(withPendingAlt(key))]
    }

    /// Ends a burst of input: a held Esc with nothing after it is a plain Esc.
    mutating func endOfInput() -> [KeyEvent] {
        flushEscape()
    }

    // MARK: - Pieces

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

    private mutating func decodeInPaste(_ value: UInt32, isKeyCode: Bool) -> [KeyEvent] {
        if isKeyCode {
            guard value == KeyDecoder.pasteEndCode, let buffer = pasteBuffer else {
                if Int32(bitPattern: value) == cnc_KEY_ENTER { append(scalar: "\n") }
                return []
            }
            pasteBuffer = nil
            return [.paste(String(buffer))]
        }
        switch value {
        case 13, 10: append(scalar: "\n")
        default:
            if let scalar = Unicode.Scalar(value) { append(scalar: scalar) }
        }
        return []
    }

    private mutating func append(scalar: Unicode.Scalar) {
        guard pasteBuffer != nil, pasteBuffer!.count < KeyDecoder.maxPasteScalars else { return }
        pasteBuffer!.append(scalar)
    }

    private func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
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

    private mutating func key(forCode code: Int32) -> Key? {
        switch code {
        case cnc_KEY_UP: return .up
        case cnc_KEY_DOWN: return .down
        case cnc_KEY_LEFT: return .left
        case cnc_KEY_RIGHT: return .right
        case cnc_KEY_HOME: return .home
        case cnc_KEY_END: return .end
        case cnc_KEY_PPAGE: return .pageUp
        case cnc_KEY_NPAGE: return .pageDown
        case cnc_KEY_IC: return Key(.insert)
        case cnc_KEY_DC: return .delete
        case cnc_KEY_BACKSPACE: return .backspace
        case cnc_KEY_ENTER: return .enter
        case cnc_KEY_BTAB: return .backTab
        case cnc_KEY_SLEFT: return Key(.left, modifiers: .shift)
        case cnc_KEY_SRIGHT: return Key(.right, modifiers: .shift)
        case cnc_KEY_SHOME: return Key(.home, modifiers: .shift)
        case cnc_KEY_SEND: return Key(.end, modifiers: .shift)
        case cnc_KEY_SR: return Key(.up, modifiers: .shift)
        case cnc_KEY_SF: return Key(.down, modifiers: .shift)
        case (cnc_KEY_F0 + 1)...(cnc_KEY_F0 + 24): return .f(Int(code - cnc_KEY_F0))
        default: return extendedKey(code)
        }
    }

    /// Keys terminfo defines as extended capabilities, e.g. `kUP5` = Ctrl-Up, `kDC3` = Alt-Delete.
    private mutating func extendedKey(_ code: Int32) -> Key? {
        guard code > cnc_KEY_MAX else { return nil }
        let name: String
        if let known = extendedNames[UInt32(bitPattern: code)] {
            name = known
        } else {
            guard let pointer = cnc_key_name(code) else { return nil }
            name = String(cString: pointer)
            extendedNames[UInt32(bitPattern: code)] = name
        }
        return KeyDecoder.key(forExtendedName: name)
    }

    /// Decodes an xterm-style modified key name (`kUP5`, `kLFT3`, `kHOM6`...).
    static func key(forExtendedName name: String) -> Key? {
        guard name.hasPrefix("k"), let digit = name.last, let level = digit.wholeNumberValue, (2...8).contains(level)
        else { return nil }
        let base = String(name.dropFirst().dropLast())
        let code: KeyCode
        switch base {
        case "UP": code = .up
        case "DN": code = .down
        case "LFT": code = .left
        case "RIT": code = .right
        case "HOM": code = .home
        case "END": code = .end
        case "NXT": code = .pageDown
        case "PRV": code = .pageUp
        case "DC": code = .delete
        case "IC": code = .insert
        default: return nil
        }
        // xterm modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4).
        let bits = level - 1
        var modifiers: KeyModifiers = []
        if bits & 1 != 0 { modifiers.insert(.shift) }
        if bits & 2 != 0 { modifiers.insert(.alt) }
        if bits & 4 != 0 { modifiers.insert(.ctrl) }
        return Key(code, modifiers: modifiers)
    }
}
