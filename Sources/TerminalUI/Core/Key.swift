/// A key press: a key code plus modifiers, normalized so that equal presses compare equal.
///
/// Normalization: a character with `.shift` becomes its upper-case form without `.shift`
/// (`shift-g` == `G`); a character with `.ctrl` is lower-cased (`ctrl-R` == `ctrl-r`).
public struct Key: Hashable, Sendable, CustomStringConvertible {
    /// The key.
    public let code: KeyCode
    /// The modifiers.
    public let modifiers: KeyModifiers

    /// Creates a key press (normalized).
    public init(_ code: KeyCode, modifiers: KeyModifiers = []) {
        var code = code
        var modifiers = modifiers
        if case .character(let c) = code {
            if modifiers.contains(.shift) && c.isLetter {
                code = .character(Character(c.uppercased()))
                modifiers.remove(.shift)
            }
            if modifiers.contains(.ctrl) { code = .character(Character(c.lowercased())) }
        }
        self.code = code
        self.modifiers = modifiers
    }

    /// A plain character key.
    public static func char(_ c: Character) -> Key { Key(.character(c)) }
    /// Control plus a letter.
    public static func ctrl(_ c: Character) -> Key { Key(.character(c), modifiers: .ctrl) }
    /// Alt plus a character.
    public static func alt(_ c: Character) -> Key { Key(.character(c), modifiers: .alt) }
    /// A function key.
    public static func f(_ n: Int) -> Key { Key(.function(n)) }

    /// Enter.
    public static let enter = Key(.enter)
    /// Escape.
    public static let escape = Key(.escape)
    /// Tab.
    public static let tab = Key(.tab)
    /// Shift-Tab.
    public static let backTab = Key(.tab, modifiers: .shift)
    /// Backspace.
    public static let backspace = Key(.backspace)
    /// Delete.
    public static let delete = Key(.delete)
    /// Arrow up.
    public static let up = Key(.up)
    /// Arrow down.
    public static let down = Key(.down)
    /// Arrow left.
    public static let left = Key(.left)
    /// Arrow right.
    public static let right = Key(.right)
    /// Home.
    public static let home = Key(.home)
    /// End.
    public static let end = Key(.end)
    /// Page up.
    public static let pageUp = Key(.pageUp)
    /// Page down.
    public static let pageDown = Key(.pageDown)
    /// Space.
    public static let space = Key(.character(" "))

    /// The printable character, if this is an unmodified character key.
    public var character: Character? {
        if case .character(let c) = code, modifiers.isDisjoint(with: [.ctrl, .alt]) { return c }
        return nil
    }

    /// The canonical config spelling: `ctrl-r`, `shift-tab`, `alt-x`, `F5`, `g`, `G`, `space`, `pgdn`, `up`.
    public var description: String {
        var parts: [String] = []
        if modifiers.contains(.ctrl) { parts.append("ctrl") }
        if modifiers.contains(.alt) { parts.append("alt") }
        if modifiers.contains(.shift) { parts.append("shift") }
        parts.append(Key.name(of: code))
        return parts.joined(separator: "-")
    }

    /// A short label for help bars: `^R`, `M-x`, `S-Tab`, `F5`, `g`, `Enter`, `↑` (unicode) / `Up` (ascii).
    public func label(glyphs: GlyphSet = .unicode) -> String {
        var prefix = ""
        if modifiers.contains(.ctrl), case .character(let c) = code {
            return "^" + c.uppercased()
        }
        if modifiers.contains(.ctrl) { prefix += "C-" }
        if modifiers.contains(.alt) { prefix += "M-" }
        if modifiers.contains(.shift) { prefix += "S-" }
        let body: String
        switch code {
        case .character(" "): body = "Space"
        case .character(let c): body = String(c)
        case .enter: body = "Enter"
        case .tab: body = "Tab"
        case .backspace: body = "Bksp"
        case .delete: body = "Del"
        case .escape: body = "Esc"
        case .insert: body = "Ins"
        case .up: body = glyphs.arrowUp
        case .down: body = glyphs.arrowDown
        case .left: body = glyphs.arrowLeft
        case .right: body = glyphs.arrowRight
        case .home: body = "Home"
        case .end: body = "End"
        case .pageUp: body = "PgUp"
        case .pageDown: body = "PgDn"
        case .function(let n): body = "F\(n)"
        }
        return prefix + body
    }

    static func name(of code: KeyCode) -> String {
        switch code {
        case .character(" "): return "space"
        case .character("-"): return "minus"
        case .character(let c): return String(c)
        case .enter: return "enter"
        case .tab: return "tab"
        case .backspace: return "backspace"
        case .delete: return "delete"
        case .escape: return "esc"
        case .insert: return "insert"
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .home: return "home"
        case .end: return "end"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .function(let n): return "F\(n)"
        }
    }
}
