/// A full-width, centred one-line banner (e.g. `NO CONNECTION`).
public struct Banner: Widget {
    /// The text.
    public var text: String
    /// Its role (`banner.error`, `banner.warning`).
    public var role: ThemeRole

    /// Creates a banner.
    public init(_ text: String, role: ThemeRole = .bannerError) {
        self.text = text
        self.role = role
    }

    /// Fills the area with the role and centres the text on its middle row.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let style = theme.style(role)
        buffer.fill(area, style: style)
        let line = TextLayout.fit(text, width: area.width, alignment: .center, ellipsis: theme.glyphs.ellipsis)
        buffer.write(line, x: area.x, y: area.y + area.height / 2, style: style, clip: area)
    }
}
