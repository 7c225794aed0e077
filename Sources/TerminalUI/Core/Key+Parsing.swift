import TextSupport

/// Why a key spelling from a config file could not be read.
public struct KeyParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text that was given.
    public let input: String
    /// What is wrong, in words.
    public let reason: String

    /// Creates an error.
    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    /// `invalid key "ctrl-": …`
    public var description: String { "invalid key \"\(input)\": \(reason)" }
}

extension Key {
    /// Named keys accepted in config spellings (lower-case).
    static let namedCodes: [String: KeyCode] = [
        "enter": .enter, "return": .enter, "ret": .enter, "cr": .enter,
        "tab": .tab, "backspace": .backspace, "bs": .backspace, "bksp": .backspace,
        "delete": .delete, "del": .delete, "esc": .escape, "escape": .escape,
        "insert": .insert, "ins": .insert, "up": .up, "down": .down, "left": .left, "right": .right,
        "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp, "prior": .pageUp,
        "pgdn": .pageDown, "pgdown": .pageDown, "pagedown": .pageDown, "next": .pageDown,
        "space": .character(" "), "spc": .character(" "), "minus": .character("-"), "plus": .character("+"),
    ]

    /// Parses a config spelling: `g`, `G`, `?`, `ctrl-r`, `C-r`, `^R`, `alt-x`, `shift-tab`, `backtab`,
    /// `F5`, `pgdn`, `space`, `enter`. Modifiers are joined with `-` or `+`. Errors say what is wrong.
    public init(parsing raw: String) throws {
        let text = raw.trimmingSpaces()
        guard !text.isEmpty else { throw KeyParseError(input: raw, reason: "empty key") }
        if text.count == 1 {
            let c = text.first!
            guard c.isPrintableKey else {
                throw KeyParseError(input: raw, reason: "not a printable character")
            }
            self = Key.char(c)
            return
        }
        if text.count == 2 && text.first == "^" {
            let c = text.last!
            guard c.isASCII && c.isLetter else {
                throw KeyParseError(input: raw, reason: "^ must be followed by a letter, as in ^R")
            }
            self = Key.ctrl(c)
            return
        }
        if text.lowercased() == "backtab" {
            self = .backTab
            return
        }
        // Split "ctrl-shift-x" but keep a trailing "-" or "+" as the key itself ("ctrl--").
        var tokens: [String] = []
        var current = ""
        for c in text {
            if (c == "-" || c == "+") && !current.isEmpty {
                tokens.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty {
            tokens.append(current)
        } else if text.last == "-" || text.last == "+" {
            tokens.append(String(text.last!))
        }
        guard let last = tokens.last else { throw KeyParseError(input: raw, reason: "empty key") }
        var modifiers: KeyModifiers = []
        for token in tokens.dropLast() {
            switch token.lowercased() {
            case "ctrl", "control", "c": modifiers.insert(.ctrl)
            case "alt", "meta", "m", "a", "opt", "option": modifiers.insert(.alt)
            case "shift", "s": modifiers.insert(.shift)
            default:
                throw KeyParseError(
                    input: raw, reason: "unknown modifier \"\(token)\" (use ctrl, alt or shift)")
            }
        }
        let code: KeyCode
        if last.count == 1 {
            let c = last.first!
            guard c.isPrintableKey else { throw KeyParseError(input: raw, reason: "not a printable character") }
            code = .character(c)
        } else if let named = Key.namedCodes[last.lowercased()] {
            code = named
        } else if let first = last.first, first == "F" || first == "f", let n = Int(last.dropFirst()) {
            guard (1...24).contains(n) else {
                throw KeyParseError(input: raw, reason: "function keys go from F1 to F24")
            }
            code = .function(n)
        } else {
            let names = Array(Set(Key.namedCodes.keys)).sorted()
            let hint =
                EditDistance.closest(to: last.lowercased(), in: names + ["F1", "backtab"])
                .map { " (did you mean \"\($0)\"?)" } ?? ""
            throw KeyParseError(input: raw, reason: "unknown key name \"\(last)\"\(hint)")
        }
        if modifiers.contains(.ctrl), case .character(let c) = code {
            guard c.isASCII && c.isLetter else {
                throw KeyParseError(input: raw, reason: "ctrl combines only with letters a-z in a terminal")
            }
            if modifiers.contains(.shift) {
                throw KeyParseError(
                    input: raw, reason: "terminals cannot tell ctrl-shift-\(c) from ctrl-\(c); drop shift")
            }
        }
        if modifiers.contains(.shift), case .character(let c) = code, !c.isLetter {
            throw KeyParseError(input: raw, reason: "shift with \"\(c)\": write the shifted character itself")
        }
        self = Key(code, modifiers: modifiers)
    }
}

extension Character {
    fileprivate var isPrintableKey: Bool {
        guard let s = unicodeScalars.first else { return false }
        return s.value >= 0x20 && s.value != 0x7F && !(0x80...0x9F).contains(s.value)
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        // A lone space means the space key.
        if s.isEmpty && !self.isEmpty && self.contains(" ") { return " " }
        return String(s)
    }
}
