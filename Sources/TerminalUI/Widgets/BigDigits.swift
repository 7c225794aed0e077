/// Large numbers for wall screens: a 3×5 block font (digits, `:`, `.`, `%`, `-`, `/`, space).
///
/// Each glyph is 3 columns wide (`:` and `.` are 1) with one column between glyphs; the block is
/// `█` with Unicode glyphs and `#` in ASCII. Unknown characters draw as a blank glyph.
public struct BigDigits: Widget {
    /// The text (e.g. `12`, `3.5%`, `12:04`).
    public var text: String
    /// The role.
    public var role: ThemeRole

    /// Creates big digits.
    public init(_ text: String, role: ThemeRole = .bigDigits) {
        self.text = text
        self.role = role
    }

    /// Font height in rows.
    public static let height = 5

    static let font: [Character: [String]] = [
        "0": ["###", "# #", "# #", "# #", "###"],
        "1": [" # ", "## ", " # ", " # ", "###"],
        "2": ["###", "  #", "###", "#  ", "###"],
        "3": ["###", "  #", " ##", "  #", "###"],
        "4": ["# #", "# #", "###", "  #", "  #"],
        "5": ["###", "#  ", "###", "  #", "###"],
        "6": ["###", "#  ", "###", "# #", "###"],
        "7": ["###", "  #", "  #", "  #", "  #"],
        "8": ["###", "# #", "###", "# #", "###"],
        "9": ["###", "# #", "###", "  #", "###"],
        ":": [" ", "#", " ", "#", " "],
        ".": [" ", " ", " ", " ", "#"],
        "%": ["# #", "  #", " # ", "#  ", "# #"],
        "-": ["   ", "   ", "###", "   ", "   "],
        "/": ["  #", "  #", " # ", "#  ", "#  "],
        " ": ["   ", "   ", "   ", "   ", "   "],
    ]

    /// The rows of the rendered text with `#` for blocks (before glyph substitution).
    public func rows() -> [String] {
        var rows = Array(repeating: "", count: BigDigits.height)
        for (i, ch) in Sanitizer.default.sanitize(text).enumerated() {
            let glyph = BigDigits.font[ch] ?? BigDigits.font[" "]!
            for r in 0..<BigDigits.height { rows[r] += (i > 0 ? " " : "") + glyph[r] }
        }
        return rows
    }

    /// Width in columns of the rendered text.
    public var width: Int { rows().first.map(\.count) ?? 0 }

    /// Draws the text at the top-left of the area (clipped), blocks only: spaces keep what is behind.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let style = theme.style(role)
        for (r, row) in rows().enumerated() where r < area.height {
            for (c, ch) in row.enumerated() where ch == "#" && c < area.width {
                buffer.write(theme.glyphs.block, x: area.x + c, y: area.y + r, style: style, clip: area)
            }
        }
    }
}
