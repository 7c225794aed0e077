/// A horizontal bar gauge with a label, coloured by thresholds (`gauge.ok`, `gauge.warn`, `gauge.critical`).
public struct Gauge: Widget {
    /// Fill fraction, 0…1 (clamped; NaN draws empty).
    public var fraction: Double
    /// Text drawn after the bar (e.g. `62%`); empty for none.
    public var label: String
    /// Fraction from which the warn role is used.
    public var warnAt: Double
    /// Fraction from which the critical role is used.
    public var criticalAt: Double

    /// Creates a gauge; the default label is the percentage.
    public init(fraction: Double, label: String? = nil, warnAt: Double = 0.7, criticalAt: Double = 0.9) {
        self.fraction = fraction.isNaN ? 0 : min(1, max(0, fraction))
        self.label = label ?? "\(Int((self.fraction * 100).rounded()))%"
        self.warnAt = warnAt
        self.criticalAt = criticalAt
    }

    /// The role of the filled part.
    public var role: ThemeRole { fraction >= criticalAt ? .gaugeCritical : fraction >= warnAt ? .gaugeWarn : .gaugeOK }

    /// The bar glyphs for a width: full cells, one partial cell (Unicode eighths), empty cells.
    public func bar(width: Int, glyphs g: GlyphSet) -> (filled: String, empty: String) {
        guard width > 0 else { return ("", "") }
        let eighths = Int((fraction * Double(width * 8)).rounded())
        let full = eighths / 8
        var filled = String(repeating: g.gaugeFilled, count: full)
        var used = full
        let partial = eighths % 8
        if partial > 0 && used < width && !g.gaugePartials.isEmpty {
            filled += g.gaugePartials[partial - 1]
            used += 1
        }
        return (filled, String(repeating: g.gaugeEmpty, count: width - used))
    }

    /// Draws the bar and label on the first row.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let labelWidth = label.isEmpty ? 0 : CharacterWidth.of(label) + 1
        let barWidth = max(0, area.width - labelWidth)
        let (filled, empty) = bar(width: barWidth, glyphs: theme.glyphs)
        var x = buffer.write(filled, x: area.x, y: area.y, style: theme.style(role), clip: area)
        x = buffer.write(empty, x: x, y: area.y, style: theme.style(.gaugeEmpty), clip: area)
        if !label.isEmpty {
            buffer.write(" " + label, x: x, y: area.y, style: theme.style(.text), clip: area)
        }
    }
}
