/// A vertical scrollbar: a track with a thumb sized and placed by the visible part.
public struct Scrollbar: Widget {
    /// Total lines.
    public var total: Int
    /// Visible lines.
    public var visible: Int
    /// First visible line.
    public var offset: Int

    /// Creates a scrollbar.
    public init(total: Int, visible: Int, offset: Int) {
        self.total = total
        self.visible = visible
        self.offset = offset
    }

    /// Draws in the first column of the area (nothing when everything is visible).
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty, total > visible, visible > 0 else { return }
        let h = area.height
        let thumb = max(1, h * visible / total)
        let maxOffset = total - visible
        let position = maxOffset > 0 ? (h - thumb) * min(max(0, offset), maxOffset) / maxOffset : 0
        let style = theme.style(.scrollbar)
        for i in 0..<h {
            let glyph = i >= position && i < position + thumb ? theme.glyphs.scrollThumb : theme.glyphs.scrollTrack
            buffer.write(glyph, x: area.x, y: area.y + i, style: style, clip: area)
        }
    }
}
