/// Writing `Line` values: one call per row, whatever the number of styles on it.
extension FrameBuffer {
    /// Writes `line` on row `row` of `rect`, clipped to the rectangle; returns the column after it.
    ///
    /// Each span goes through `write(_:x:y:style:clip:)`, so text is sanitized and a wide grapheme meeting
    /// the clip edge becomes a space. Transparent spans advance without drawing. A line narrower than the
    /// rectangle is placed by its alignment; a wider one is written from the left and clipped.
    @discardableResult
    public mutating func set(_ line: Line, in rect: Rect, row: Int = 0, indent: Int = 0, theme: Theme) -> Int {
        let clip = Rect(x: rect.x, y: rect.y + row, width: rect.width, height: rect.height > row ? 1 : 0)
        guard row >= 0, !clip.isEmpty else { return rect.x + indent }
        let room = rect.width - indent
        let lineWidth = line.alignment == .left ? 0 : line.width
        var x = rect.x + indent
        if lineWidth < room {
            switch line.alignment {
            case .left: break
            case .center: x += (room - lineWidth) / 2
            case .right: x += room - lineWidth
            }
        }
        return set(line, x: x, y: clip.y, clip: clip, theme: theme)
    }

    /// Writes `line` from (`x`, `y`), clipped to `clip` (and the buffer); returns the column after it.
    @discardableResult
    public mutating func set(_ line: Line, x: Int, y: Int, clip: Rect? = nil, theme: Theme) -> Int {
        let region = (clip ?? bounds).intersection(bounds)
        var column = x
        for span in line.spans {
            guard column < region.maxX else { break }
            if let style = span.style.resolve(in: theme) {
                column = write(span.content, x: column, y: y, style: style, clip: region)
            } else {
                column += span.width
            }
        }
        return column
    }
}
