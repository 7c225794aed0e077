extension TerminalColor {
    /// This colour fitted to a colour depth: RGB → nearest xterm-256 (cube + grey ramp) → 16 → 8 → default.
    ///
    /// In `.mono` every colour becomes `.default`; attributes carry the meaning instead
    /// (see `CellStyle.degraded(to:)` and the per-role `mono` attributes of a theme).
    public func degraded(to depth: ColorDepth) -> TerminalColor {
        switch (self, depth) {
        case (.default, _): return .default
        case (_, .mono): return .default
        case (_, .truecolor): return self
        case (.rgb(let r, let g, let b), .c256): return .indexed(XtermPalette.nearest256((r, g, b)))
        case (.indexed, .c256), (.ansi, .c256), (.ansi, .c16): return self
        case (.indexed(let n), .c16):
            return n < 16 ? .ansi(n) : .ansi(XtermPalette.nearestStandard(XtermPalette.rgb(ofIndex: Int(n)), count: 16))
        case (.rgb(let r, let g, let b), .c16): return .ansi(XtermPalette.nearestStandard((r, g, b), count: 16))
        case (.ansi(let n), .c8): return .ansi(n % 8)
        case (.indexed(let n), .c8):
            return n < 16
                ? .ansi(n % 8) : .ansi(XtermPalette.nearestStandard(XtermPalette.rgb(ofIndex: Int(n)), count: 8))
        case (.rgb(let r, let g, let b), .c8):
            // Go through 16 first, so that e.g. a light grey becomes white rather than black.
            return .ansi(XtermPalette.nearestStandard((r, g, b), count: 16) % 8)
        }
    }
}
