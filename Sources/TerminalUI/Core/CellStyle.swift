/// The concrete look of one cell: colours and attributes, already resolved from a theme role.
public struct CellStyle: Hashable, Sendable {
    /// Foreground colour.
    public var foreground: TerminalColor
    /// Background colour.
    public var background: TerminalColor
    /// Attributes (bold, reverse...).
    public var attributes: TextAttributes

    /// Creates a style.
    public init(
        foreground: TerminalColor = .default, background: TerminalColor = .default,
        attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default colours with no attributes.
    public static let plain = CellStyle()

    /// A copy with extra attributes added.
    public func adding(_ extra: TextAttributes) -> CellStyle {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    /// A copy with a different foreground.
    public func withForeground(_ color: TerminalColor) -> CellStyle {
        var copy = self
        copy.foreground = color
        return copy
    }

    /// A copy with a different background.
    public func withBackground(_ color: TerminalColor) -> CellStyle {
        var copy = self
        copy.background = color
        return copy
    }

    /// This style fitted to a colour depth.
    ///
    /// For `.mono` colours are dropped; a non-default background becomes `reverse` so that
    /// highlighted areas (selection, banners, badges) stay visible. Themes can instead give an
    /// explicit mono look per role, which `Theme` applies before this generic rule.
    public func degraded(to depth: ColorDepth) -> CellStyle {
        if depth == .mono {
            var attributes = self.attributes
            if background != .default { attributes.insert(.reverse) }
            return CellStyle(foreground: .default, background: .default, attributes: attributes)
        }
        var foreground = self.foreground.degraded(to: depth)
        let background = self.background.degraded(to: depth)
        if foreground == background && foreground != .default && self.foreground != self.background {
            // Two distinct colours collapsed into one: keep the text readable.
            foreground = .default
        }
        return CellStyle(foreground: foreground, background: background, attributes: attributes)
    }
}
