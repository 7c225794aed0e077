/// The top row: application name, breadcrumbs, an environment badge in its accent colour, and right text.
public struct TitleBar: Widget {
    /// Application name (`podium`).
    public var title: String
    /// Where the user is (`Registry`, `fraud-detector`, `v12`).
    public var breadcrumbs: [String]
    /// Environment badge text (e.g. `PROD`), nil for none.
    public var environment: String?
    /// The environment's accent colour by name from the config (`red`, `#d70000`, `196`); nil: theme `env.accent`.
    public var accentColor: String?
    /// Text at the right edge (clock, identity).
    public var trailing: String

    /// Creates a title bar.
    public init(
        title: String, breadcrumbs: [String] = [], environment: String? = nil, accentColor: String? = nil,
        trailing: String = ""
    ) {
        self.title = title
        self.breadcrumbs = breadcrumbs
        self.environment = environment
        self.accentColor = accentColor
        self.trailing = trailing
    }

    /// The badge style: the accent colour as background (reverse + bold in mono).
    public static func badgeStyle(theme: Theme, accentColor: String?) -> CellStyle {
        // A colourless theme (`:theme mono`) on a colour terminal gets no accent colour either.
        guard theme.paintsColour else { return CellStyle(attributes: [.bold, .reverse]) }
        let accent = theme.accent(accentColor)
        guard accent.foreground != .default else { return accent.adding(.reverse) }
        return CellStyle(foreground: .black, background: accent.foreground, attributes: .bold).degraded(
            to: theme.colorDepth)
    }

    /// Draws the bar on the first row of the area.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let g = theme.glyphs
        buffer.fill(row, style: theme.style(.titleBar))
        var right = row.maxX
        if !trailing.isEmpty {
            let text = TextLayout.truncate(trailing, width: max(0, row.width / 3), ellipsis: g.ellipsis) + " "
            right -= CharacterWidth.of(text)
            buffer.write(text, x: right, y: row.y, style: theme.style(.titleBar), clip: row)
        }
        let left = Rect(x: row.x, y: row.y, width: max(0, right - row.x - 1), height: 1)
        var x = buffer.write(" " + title + " ", x: left.x, y: row.y, style: theme.style(.title), clip: left)
        if let environment, !environment.isEmpty {
            x = buffer.write(" ", x: x, y: row.y, style: theme.style(.titleBar), clip: left)
            x = buffer.write(
                " " + environment + " ", x: x, y: row.y,
                style: TitleBar.badgeStyle(theme: theme, accentColor: accentColor),
                clip: left)
        }
        if !breadcrumbs.isEmpty {
            let crumbs = breadcrumbs.map { Sanitizer.default.sanitize($0) }.joined(separator: g.breadcrumbSeparator)
            let room = left.maxX - x - 1
            if room > 1 {
                buffer.write(
                    " " + TextLayout.truncate(crumbs, width: room, ellipsis: g.ellipsis), x: x, y: row.y,
                    style: theme.style(.titleBreadcrumb), clip: left)
            }
        }
    }
}
