import TerminalUI

/// Writes styled pieces of text one after another on a row, clipped to an area (views build lines with it).
struct LineWriter {
    /// The row's clip area.
    let area: Rect
    /// The row.
    let y: Int
    /// The next column.
    var x: Int

    /// Starts at the left of `area` on row `line` (relative).
    init(_ area: Rect, line: Int, indent: Int = 0) {
        self.area = Rect(x: area.x, y: area.y + line, width: area.width, height: 1)
        self.y = area.y + line
        self.x = area.x + indent
    }

    /// Whether anything more fits.
    var hasRoom: Bool { x < area.maxX }

    /// Writes text in a style.
    mutating func write(_ text: String, _ style: CellStyle, into buffer: inout FrameBuffer) {
        guard hasRoom, area.height > 0 else { return }
        x = buffer.write(text, x: x, y: y, style: style, clip: area)
    }

    /// Writes text in a theme role.
    mutating func write(_ text: String, _ role: ThemeRole, theme: Theme, into buffer: inout FrameBuffer) {
        write(text, theme.style(role), into: &buffer)
    }

    /// Columns left on the row.
    var remaining: Int { max(0, area.maxX - x) }

    /// Whether an earlier `writeWhole` found no room (later pieces are not written either, so fields are
    /// dropped from the end, never out of order).
    private(set) var isFull = false

    /// Writes the pieces only if all of them fit on what is left of the row: a number is shown whole or not
    /// at all (`p99 56` for `p99 565ms` would be a lie). Returns whether they were written.
    @discardableResult
    mutating func writeWhole(_ pieces: [(String, CellStyle)], into buffer: inout FrameBuffer) -> Bool {
        guard !isFull, area.height > 0 else { return false }
        let width = pieces.reduce(0) { $0 + TextLayout.width($1.0) }
        guard width <= remaining else {
            isFull = true
            return false
        }
        for (text, style) in pieces { x = buffer.write(text, x: x, y: y, style: style, clip: area) }
        return true
    }

    /// Writes text, shortened with `ellipsis` when it does not fit (never cut silently).
    mutating func writeTruncated(_ text: String, _ style: CellStyle, ellipsis: String, into buffer: inout FrameBuffer) {
        guard hasRoom, area.height > 0 else { return }
        let shown = TextLayout.truncate(text, width: remaining, ellipsis: ellipsis)
        x = buffer.write(shown, x: x, y: y, style: style, clip: area)
    }

    /// Ends the row: nothing more is written on it.
    mutating func finish() { isFull = true }

    /// Skips columns.
    mutating func space(_ count: Int = 1) { x += count }
}
