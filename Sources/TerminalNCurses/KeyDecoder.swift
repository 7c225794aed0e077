import CNCursesShim
import TerminalUI

/// Turns what `wget_wch` returns into `KeyEvent`s: maps ncurses' key codes to `RawKeyInput` and leaves the
/// rest (Esc/Alt, Ctrl-letters, bracketed paste and its idle timeout) to the pure `KeyStreamDecoder`.
///
/// - Key codes: arrows, Home/End, PgUp/PgDn, Insert/Delete, F1–F24, Shift-Tab (KEY_BTAB), and the
///   modified arrows terminfo names `kUP5` (Ctrl), `kUP3` (Alt), `kUP2` (Shift)...
/// - Bracketed paste: `define_key` binds the markers to `pasteStartCode` / `pasteEndCode`. A paste whose end
///   never comes ends after `KeyStreamDecoder.pasteIdleTimeout` without input; the input thread polls with a
///   timeout up to `pasteDeadline` so that happens even when no more input arrives.
struct KeyDecoder {
    /// Key codes given to `define_key` for the bracketed-paste markers (above ncurses' own codes).
    static let pasteStartCode: UInt32 = 0x7F01
    /// See `pasteStartCode`.
    static let pasteEndCode: UInt32 = 0x7F02

    private var stream: KeyStreamDecoder
    private var extendedNames: [UInt32: String] = [:]

    init(stream: KeyStreamDecoder = KeyStreamDecoder()) {
        self.stream = stream
    }

    /// When an open paste ends if no input arrives (nil when none is open).
    var pasteDeadline: ContinuousClock.Instant? { stream.pasteDeadline }

    /// Decodes one character (`isKeyCode == false`) or key code read at `now`; returns the events it completes.
    mutating func decode(_ value: UInt32, isKeyCode: Bool, at now: ContinuousClock.Instant) -> [KeyEvent] {
        stream.decode(isKeyCode ? rawInput(forCode: value) : .character(value), at: now)
    }

    /// A mouse report read at `now`: a held Esc before it is a plain Esc; inside a paste it is dropped.
    mutating func mouse(_ event: MouseEvent, at now: ContinuousClock.Instant) -> [KeyEvent] {
        // An unknown key flushes a held Esc (and is ignored inside a paste), which is what a report needs too.
        let flushed = stream.decode(.unknownKey, at: now)
        return stream.isInPaste ? flushed : flushed + [.mouse(event)]
    }

    /// The reports ncurses decoded (SGR or X10, as terminfo says) behind one `KEY_MOUSE`, oldest first: ncurses
    /// queues every report of a burst (a press and its release arrive together) and `getmouse` pops the newest.
    /// Reports an app cannot use (a horizontal wheel) are left out.
    static func readMouse() -> [MouseEvent] {
        var reports: [MouseEvent] = []
        var x: Int32 = 0
        var y: Int32 = 0
        var button: Int32 = 0
        var kind: Int32 = 0
        var bits: Int32 = 0
        // The queue holds at most 16 reports; the bound only guards against a library that never says empty.
        for _ in 0..<64 {
            guard cnc_read_mouse(&x, &y, &button, &kind, &bits) == 0 else { break }
            var modifiers: KeyModifiers = []
            if bits & Int32(CNC_MOUSE_SHIFT) != 0 { modifiers.insert(.shift) }
            if bits & Int32(CNC_MOUSE_ALT) != 0 { modifiers.insert(.alt) }
            if bits & Int32(CNC_MOUSE_CTRL) != 0 { modifiers.insert(.ctrl) }
            switch Int(kind) {
            case Int(CNC_MOUSE_CLICKED):
                if let clicked = MouseButton(rawValue: Int(button)) {
                    reports.append(MouseEvent(.click(clicked), x: Int(x), y: Int(y), modifiers: modifiers))
                }
            case Int(CNC_MOUSE_PRESSED), Int(CNC_MOUSE_RELEASED):
                let released = Int(kind) == Int(CNC_MOUSE_RELEASED)
                if let event = MouseEvent(
                    xtermButton: Int(button), released: released, x: Int(x), y: Int(y), modifiers: modifiers)
                {
                    reports.append(event)
                }
            default:
                continue
            }
        }
        return reports.reversed()
    }

    /// Ends a burst of input: a held Esc with nothing after it is a plain Esc.
    mutating func endOfInput(at now: ContinuousClock.Instant) -> [KeyEvent] {
        stream.endOfInput(at: now)
    }

    /// Ends a paste that has had no input for the idle timeout.
    mutating func expire(at now: ContinuousClock.Instant) -> [KeyEvent] {
        stream.expire(at: now)
    }

    // MARK: - Pieces

    private mutating func rawInput(forCode value: UInt32) -> RawKeyInput {
        if value == KeyDecoder.pasteStartCode { return .pasteStart }
        if value == KeyDecoder.pasteEndCode { return .pasteEnd }
        guard let key = key(forCode: Int32(bitPattern: value)) else { return .unknownKey }
        return .key(key)
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
