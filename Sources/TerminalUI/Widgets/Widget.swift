/// Something that draws itself into a rectangle of a frame buffer, purely from its own value and a theme.
public protocol Widget: Sendable {
    /// Draws into `area` of `buffer` (never outside it), using only roles and glyphs from `theme`.
    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme)
}
