/// Draws toasts stacked in the bottom-right corner of an area, newest at the bottom.
public struct ToastView: Widget {
    /// The toasts to draw (usually `queue.visible(at: now)`).
    public var toasts: [Toast]
    /// Widest a toast may be.
    public var maxWidth: Int

    /// Creates the view.
    public init(toasts: [Toast], maxWidth: Int = 60) {
        self.toasts = toasts
        self.maxWidth = maxWidth
    }

    /// Draws each toast as one padded line, ` ✓ message `, right-aligned.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let g = theme.glyphs
        var y = area.maxY - 1
        for toast in toasts.reversed() where y >= area.y {
            let mark: String
            switch toast.kind {
            case .info: mark = g.bullet
            case .success: mark = g.check
            case .error: mark = g.cross
            }
            let room = min(maxWidth, area.width) - 4 - CharacterWidth.of(mark)
            guard room > 0 else { return }
            let text = " \(mark) " + TextLayout.truncate(toast.message, width: room, ellipsis: g.ellipsis) + " "
            let width = TextLayout.width(text)
            buffer.write(text, x: area.maxX - width, y: y, style: theme.style(toast.kind.role), clip: area)
            y -= 1
        }
    }
}
