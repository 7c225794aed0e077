/// The bottom status row: left segments (truncated when space runs out) and right-aligned segments.
public struct StatusBar: Widget {
    /// Segments from the left.
    public var left: [StatusSegment]
    /// Segments at the right (drawn first, so they always show).
    public var right: [StatusSegment]

    /// Creates a status bar.
    public init(left: [StatusSegment] = [], right: [StatusSegment] = []) {
        self.left = left
        self.right = right
    }

    /// Draws the bar on the first row of the area.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let g = theme.glyphs
        let base = theme.style(.statusBar)
        buffer.fill(row, style: base)
        let separator = " \(g.separator) "
        // Right segments, laid out from the right edge; the ones that do not fit are dropped.
        var rightWidth = 0
        var shown: [StatusSegment] = []
        for segment in right.reversed() {
            let w = TextLayout.width(segment.rendered) + (shown.isEmpty ? 1 : 1)
            if rightWidth + w > row.width * 2 / 3 { break }
            rightWidth += w
            shown.insert(segment, at: 0)
        }
        var x = row.maxX - rightWidth
        for segment in shown {
            x = buffer.write(segment.rendered, x: x, y: row.y, style: theme.style(segment.role), clip: row)
            x = buffer.write(" ", x: x, y: row.y, style: base, clip: row)
        }
        let leftArea = Rect(x: row.x, y: row.y, width: max(0, row.width - rightWidth - 1), height: 1)
        x = leftArea.x
        buffer.write(" ", x: x, y: row.y, style: base, clip: leftArea)
        x += 1
        for (i, segment) in left.enumerated() {
            let gap = i == 0 ? "" : (!segment.isBadge && !left[i - 1].isBadge ? separator : " ")
            // A segment cut to a stub says nothing: stop rather than draw "…".
            let needed = CharacterWidth.of(gap) + min(6, TextLayout.width(segment.rendered))
            guard x + needed <= leftArea.maxX else { break }
            x = buffer.write(gap, x: x, y: row.y, style: base, clip: leftArea)
            let text = TextLayout.truncate(segment.rendered, width: leftArea.maxX - x, ellipsis: g.ellipsis)
            x = buffer.write(text, x: x, y: row.y, style: theme.style(segment.role), clip: leftArea)
        }
    }
}
