/// The message shown instead of a layout when the terminal is smaller than a view needs.
public struct TooSmallView: Widget {
    /// Minimum width the view needs.
    public var requiredWidth: Int
    /// Minimum height the view needs.
    public var requiredHeight: Int

    /// Creates the view.
    public init(requiredWidth: Int, requiredHeight: Int) {
        self.requiredWidth = requiredWidth
        self.requiredHeight = requiredHeight
    }

    /// Whether an area is too small for the requirement.
    public func isTooSmall(_ area: Rect) -> Bool { area.width < requiredWidth || area.height < requiredHeight }

    /// The message lines for the current size.
    public func lines(for area: Rect, glyphs: GlyphSet) -> [String] {
        let times = glyphs.isUnicode ? "×" : "x"
        return [
            "Terminal too small (\(area.width)\(times)\(area.height))",
            "enlarge to at least \(requiredWidth)\(times)\(requiredHeight)",
        ]
    }

    /// Clears the area and centres the message (wrapped if even that does not fit).
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        buffer.fill(area, style: theme.style(.text))
        var rows: [(String, ThemeRole)] = []
        let message = lines(for: area, glyphs: theme.glyphs)
        for line in TextLayout.wrap(message[0], width: area.width) { rows.append((line, .text)) }
        for line in TextLayout.wrap(message[1], width: area.width) { rows.append((line, .healthWarn)) }
        let top = area.y + max(0, (area.height - rows.count) / 2)
        for (i, row) in rows.enumerated() where top + i < area.maxY {
            let w = CharacterWidth.of(row.0)
            buffer.write(
                row.0, x: area.x + max(0, (area.width - w) / 2), y: top + i, style: theme.style(row.1), clip: area)
        }
    }
}
