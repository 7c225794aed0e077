/// Scrollable multi-line text, wrapped to the area's width (newlines kept, text sanitized).
public struct TextView: Widget {
    /// The text.
    public var text: String
    /// First line shown.
    public var scrollOffset: Int
    /// Role of the text.
    public var role: ThemeRole

    /// Creates a text view.
    public init(_ text: String, scrollOffset: Int = 0, role: ThemeRole = .text) {
        self.text = text
        self.scrollOffset = scrollOffset
        self.role = role
    }

    /// The wrapped lines for a width (to clamp the scroll offset).
    public func lines(width: Int) -> [String] { TextLayout.wrap(text, width: width) }

    /// The largest useful scroll offset for an area.
    public func maxScrollOffset(in area: Rect) -> Int {
        max(0, lines(width: max(1, area.width - 1)).count - area.height)
    }

    /// Draws the visible lines and a scrollbar in the last column when the text is longer than the area.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: theme.style(.text))
        var all = lines(width: area.width)
        var textArea = area
        if all.count > area.height && area.width > 2 {
            textArea = area.inset(right: 1)
            all = lines(width: textArea.width)
            Scrollbar(total: all.count, visible: area.height, offset: scrollOffset).render(
                into: &buffer, area: Rect(x: area.maxX - 1, y: area.y, width: 1, height: area.height), theme: theme)
        }
        let offset = max(0, min(scrollOffset, all.count - textArea.height))
        for (i, line) in all.dropFirst(offset).prefix(textArea.height).enumerated() {
            buffer.write(line, x: textArea.x, y: textArea.y + i, style: theme.style(role), clip: textArea)
        }
    }
}
