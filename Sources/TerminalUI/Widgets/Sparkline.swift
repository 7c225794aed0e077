/// A one-row chart of recent values with block glyphs (`▁▂▃▄▅▆▇█`, or ASCII).
///
/// The newest value is at the right; only the last `area.width` values are drawn. A nil value
/// (no data for that minute) is a blank; zero is the lowest bar.
public struct Sparkline: Widget {
    /// Values, oldest first.
    public var values: [Double?]
    /// Value drawn as the full bar (nil: the largest value shown).
    public var maximum: Double?
    /// Role of the bars.
    public var role: ThemeRole

    /// Creates a sparkline.
    public init(values: [Double?], maximum: Double? = nil, role: ThemeRole = .sparkline) {
        self.values = values
        self.maximum = maximum
        self.role = role
    }

    /// The glyphs for a width (testable without a buffer).
    public func glyphs(width: Int, glyphs g: GlyphSet) -> [String] {
        guard width > 0 else { return [] }
        let shown = Array(values.suffix(width))
        let top = maximum ?? shown.compactMap { $0 }.filter { $0.isFinite }.max() ?? 0
        let levels = g.sparkline.count
        var out = Array(repeating: " ", count: width - shown.count)
        for value in shown {
            guard let v = value, v.isFinite else {
                out.append(" ")
                continue
            }
            let fraction = top > 0 ? min(1, max(0, v / top)) : 0
            out.append(g.sparkline[min(levels - 1, Int((fraction * Double(levels - 1)).rounded()))])
        }
        return out
    }

    /// Draws the bars on the first row of the area.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        buffer.write(
            glyphs(width: area.width, glyphs: theme.glyphs).joined(), x: area.x, y: area.y, style: theme.style(role),
            clip: area)
    }
}
