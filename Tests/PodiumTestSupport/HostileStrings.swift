/// Strings that try to take over a terminal: escape sequences (7-bit and 8-bit), control characters, bidi
/// overrides and zero-width characters. One corpus for every test that checks text podium shows or prints:
/// the TerminalUI sanitizer (with the text it must leave) and the CLI's text and `--json` output.
public enum HostileStrings {
    /// Each hostile input with what `Sanitizer.default` must make of it.
    public static let sanitizerCases: [(String, String)] = [
        ("a\u{1B}[2Jb", "ab"),  // clear screen
        ("\u{1B}[31mred\u{1B}[0m", "red"),  // SGR
        ("x\u{1B}[?1049hy", "xy"),  // private mode
        ("\u{1B}[10;20Hmoved", "moved"),  // cursor position
        ("t\u{1B}]0;pwned title\u{07}u", "tu"),  // OSC with BEL
        ("t\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\u", "tlinku"),  // OSC 8 hyperlink with ST
        ("a\u{1B}P1$r0m\u{1B}\\b", "ab"),  // DCS
        ("a\u{1B}_apc\u{1B}\\b", "ab"),  // APC
        ("a\u{9B}2Jb", "ab"),  // 8-bit CSI
        ("a\u{9D}0;x\u{9C}b", "ab"),  // 8-bit OSC, 8-bit ST
        ("a\u{1B}(Bb", "ab"),  // nF designate charset
        ("a\u{1B}7b\u{1B}8c", "abc"),  // save/restore cursor
        ("a\u{1B}cb", "ab"),  // full reset
        ("over\rwrite", "overwrite"),
        ("bad\u{8}\u{8}\u{8}good", "badgood"),
        ("nul\u{0}bell\u{7}del\u{7F}", "nulbelldel"),
        ("line1\nline2", "line1 line2"),
        ("tab\there", "tab    here"),
        ("zero\u{200B}width\u{FEFF}\u{2060}", "zerowidth"),
        ("unterminated \u{1B}]0;title and rest", "unterminated "),
        ("esc at end \u{1B}", "esc at end "),
    ]

    /// Invisible or reordering characters that JSON encoders pass through raw: DEL, C1 controls (U+009B is a
    /// CSI), the bidi controls and marks, and the line and paragraph separators.
    public static let invisibles =
        "del\u{7F} c1\u{80}\u{85}\u{9B}2J\u{9C}\u{9F} bidi\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}"
        + "\u{2066}\u{2067}\u{2068}\u{2069} marks\u{200E}\u{200F}\u{61C} sep\u{2028}\u{2029}"

    /// Every hostile input, one string each, plus ``invisibles``.
    public static var all: [String] { sanitizerCases.map(\.0) + [invisibles] }
}
