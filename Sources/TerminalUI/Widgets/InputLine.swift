/// A one-line input (the `/` filter, the `:` command line, a comment) with an optional completion row.
///
/// Row 0: prompt, then the text scrolled so the cursor stays visible, the cursor cell in `input.cursor`.
/// Rows below (if the area has them): the matching completion candidates, the next Tab choice highlighted.
public struct InputLine: Widget {
    /// Prompt before the text (`/`, `:`, `comment: `).
    public var prompt: String
    /// The editor state.
    public var editor: LineEditor
    /// Dim text shown while empty.
    public var placeholder: String
    /// Whether to draw the cursor.
    public var focused: Bool

    /// Creates an input line.
    public init(prompt: String, editor: LineEditor, placeholder: String = "", focused: Bool = true) {
        self.prompt = prompt
        self.editor = editor
        self.placeholder = placeholder
        self.focused = focused
    }

    /// Where the terminal cursor belongs for an area (backends may show the real cursor there).
    public func cursorPosition(in area: Rect) -> CursorPosition? {
        guard focused, !area.isEmpty else { return nil }
        let promptWidth = TextLayout.width(prompt)
        let room = max(1, area.width - promptWidth)
        let column = editor.cursorColumn
        let offset = column >= room ? column - room + 1 : 0
        let x = area.x + promptWidth + column - offset
        return x < area.maxX ? CursorPosition(x: x, y: area.y) : nil
    }

    /// Draws the line and the completion row(s).
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let base = theme.style(.input)
        buffer.fill(row, style: base)
        let textX = buffer.write(prompt, x: row.x, y: row.y, style: theme.style(.inputPrompt), clip: row)
        let field = Rect(x: textX, y: row.y, width: max(0, row.maxX - textX), height: 1)
        if editor.text.isEmpty && !placeholder.isEmpty {
            buffer.write(
                placeholder, x: field.x + 1, y: row.y, style: theme.style(.textDim).withBackground(base.background),
                clip: field)
        }
        let column = editor.cursorColumn
        let offset = column >= field.width ? column - field.width + 1 : 0
        buffer.write(editor.text, x: field.x - offset, y: row.y, style: base, clip: field)
        if focused, let cursor = cursorPosition(in: area), field.contains(x: cursor.x, y: cursor.y) {
            buffer.updateStyle(Rect(x: cursor.x, y: cursor.y, width: 1, height: 1)) { $0 = theme.style(.inputCursor) }
        }
        guard area.height > 1 else { return }
        let matches = editor.matchingCandidates
        guard !matches.isEmpty else { return }
        let next = editor.nextCompletion
        var x = area.x + TextLayout.width(prompt)
        var y = area.y + 1
        let lines = area.inset(top: 1)
        buffer.fill(lines, style: theme.style(.completion))
        for candidate in matches {
            let w = TextLayout.width(candidate)
            if x + w > area.maxX {
                y += 1
                x = area.x + TextLayout.width(prompt)
                if y >= area.maxY { break }
            }
            let role: ThemeRole = candidate == next ? .completionSelected : .completion
            x = buffer.write(candidate, x: x, y: y, style: theme.style(role), clip: lines) + 2
        }
    }
}
