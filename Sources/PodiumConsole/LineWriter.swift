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

    /// Skips columns.
    mutating func space(_ count: Int = 1) { x += count }
}
