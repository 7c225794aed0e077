/// A bordered box with a title, drawn with the theme's box glyphs (heavy when focused, Unicode only).
public struct Panel: Widget {
    /// Title drawn in the top border (may be empty).
    public var title: String
    /// Short text drawn at the right of the top border (e.g. `STALE 12:01:05`, a count).
    public var trailing: String
    /// Role of the trailing text.
    public var trailingRole: ThemeRole
    /// Whether the panel has focus (focused border and title roles).
    public var focused: Bool

    /// Creates a panel.
    public init(title: String = "", trailing: String = "", trailingRole: ThemeRole = .textDim, focused: Bool = false) {
        self.title = title
        self.trailing = trailing
        self.trailingRole = trailingRole
        self.focused = focused
    }

    /// The area inside the border.
    public static func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    /// Draws the border and title, clearing the inside.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard area.width >= 2, area.height >= 2 else { return }
        let g = theme.glyphs
        let style = theme.style(focused ? .borderFocused : .border)
        let heavy = focused && g.isUnicode
        let h = heavy ? g.heavyHorizontal : g.horizontal
        let v = heavy ? g.heavyVertical : g.vertical
        let corners = heavy ? g.heavyCorners : [g.topLeft, g.topRight, g.bottomLeft, g.bottomRight]
        buffer.fill(Panel.inner(area), style: theme.style(.text))
        buffer.fill(Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1), with: h, style: style)
        buffer.fill(Rect(x: area.x + 1, y: area.maxY - 1, width: area.width - 2, height: 1), with: h, style: style)
        buffer.fill(Rect(x: area.x, y: area.y + 1, width: 1, height: area.height - 2), with: v, style: style)
        buffer.fill(Rect(x: area.maxX - 1, y: area.y + 1, width: 1, height: area.height - 2), with: v, style: style)
        buffer.write(corners[0], x: area.x, y: area.y, style: style, clip: area)
        buffer.write(corners[1], x: area.maxX - 1, y: area.y, style: style, clip: area)
        buffer.write(corners[2], x: area.x, y: area.maxY - 1, style: style, clip: area)
        buffer.write(corners[3], x: area.maxX - 1, y: area.maxY - 1, style: style, clip: area)
        let top = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1)
        // Share the top border: each part gets what it needs when both fit; otherwise the trailing
        // text gets at most half, and the title the rest.
        let available = top.width - 2 - (trailing.isEmpty || title.isEmpty ? 0 : 1)
        guard available > 2 else { return }
        let titleNeed = title.isEmpty ? 0 : TextLayout.width(title) + 2
        let trailingNeed = trailing.isEmpty ? 0 : TextLayout.width(trailing) + 2
        var trailingShare = trailingNeed
        if titleNeed + trailingNeed > available {
            trailingShare = min(trailingNeed, max(available / 2, available - titleNeed))
        }
        let titleShare = min(titleNeed, available - trailingShare)
        if trailingShare > 2 {
            let text = " " + TextLayout.truncate(trailing, width: trailingShare - 2, ellipsis: g.ellipsis) + " "
            let w = CharacterWidth.of(text)
            buffer.write(text, x: top.maxX - w - 1, y: top.y, style: theme.style(trailingRole), clip: top)
        }
        if titleShare > 2 {
            let text = " " + TextLayout.truncate(title, width: titleShare - 2, ellipsis: g.ellipsis) + " "
            buffer.write(
                text, x: top.x + 1, y: top.y, style: theme.style(focused ? .panelTitleFocused : .panelTitle), clip: top)
        }
    }
}
