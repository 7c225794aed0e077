/// A grid of cells that widgets draw into and that the backend diffs and writes.
///
/// Every text-writing method sanitizes its input, so no control character or escape sequence can
/// reach a cell. Wide graphemes occupy two cells (the second a continuation cell); a wide grapheme
/// that meets the right edge of its clip area is replaced by a space, never drawn by halves.
public struct FrameBuffer: Hashable, Sendable {
    /// Width in columns.
    public let width: Int
    /// Height in rows.
    public let height: Int
    /// The cells, row by row (`y * width + x`).
    public private(set) var cells: [Cell]
    /// What was drawn where, for the mouse (`recordHit`), in drawing order.
    public internal(set) var hitRegions: [HitRegion] = []

    /// Creates a buffer filled with spaces in `style`.
    public init(width: Int, height: Int, style: CellStyle = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at a position (a blank cell outside the buffer).
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    // MARK: - Filling and styling

    /// Fills the whole buffer with spaces in `style`.
    public mutating func clear(style: CellStyle = .plain) {
        for i in cells.indices { cells[i] = .blank(style) }
    }

    /// Fills a rectangle (clipped to the buffer) with spaces in `style`.
    public mutating func fill(_ rect: Rect, style: CellStyle) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            fixLeftEdge(x: r.x, y: y)
            fixRightEdge(x: r.maxX - 1, y: y)
            let row = y * width
            for x in r.x..<r.maxX { cells[row + x] = .blank(style) }
        }
    }

    /// Fills a rectangle with one repeated grapheme (sanitized; must be 1 column wide, else spaces).
    public mutating func fill(_ rect: Rect, with glyph: String, style: CellStyle) {
        let clean = Sanitizer.default.sanitize(glyph)
        guard let ch = clean.first, CharacterWidth.of(ch) == 1 else {
            fill(rect, style: style)
            return
        }
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let cell = Cell(grapheme: String(ch), width: 1, style: style)
        for y in r.y..<r.maxY {
            fixLeftEdge(x: r.x, y: y)
            fixRightEdge(x: r.maxX - 1, y: y)
            let row = y * width
            for x in r.x..<r.maxX { cells[row + x] = cell }
        }
    }

    /// Replaces the style of every cell in a rectangle, keeping the text.
    public mutating func setStyle(_ rect: Rect, style: CellStyle) {
        updateStyle(rect) { $0 = style }
    }

    /// Changes the style of every cell in a rectangle, keeping the text.
    public mutating func updateStyle(_ rect: Rect, _ change: (inout CellStyle) -> Void) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            let row = y * width
            for x in r.x..<r.maxX { change(&cells[row + x].style) }
        }
    }

    // MARK: - Text

    /// Writes one line of text at (`x`, `y`), clipped to `clip` (and the buffer); returns the column after it.
    ///
    /// The text is sanitized first (newlines become spaces). Text starting left of the clip area is
    /// scrolled: its hidden part is skipped. Zero-width clusters without a base character are dropped.
    @discardableResult
    public mutating func write(
        _ text: String, x: Int, y: Int, style: CellStyle, clip: Rect? = nil, sanitizer: Sanitizer = .default
    ) -> Int {
        let region = (clip ?? bounds).intersection(bounds)
        guard y >= region.y, y < region.maxY, region.width > 0 else { return x }
        var column = x
        for ch in sanitizer.sanitize(text) {
            if column >= region.maxX { break }
            let w = CharacterWidth.of(ch)
            if w == 0 { continue }
            if column + w <= region.x {
                column += w
                continue
            }
            if column < region.x || column + w > region.maxX {
                // Half of a wide grapheme is outside the area: show a space instead.
                place(Cell.blank(style), at: max(column, region.x), y: y)
                column += w
                continue
            }
            if w == 2 {
                placeWide(Cell(grapheme: String(ch), width: 2, style: style), at: column, y: y)
            } else {
                place(Cell(grapheme: String(ch), width: 1, style: style), at: column, y: y)
            }
            column += w
        }
        return column
    }

    /// Writes text inside `rect` on its row `line`, clipped to the rectangle.
    @discardableResult
    public mutating func write(_ text: String, in rect: Rect, line: Int = 0, style: CellStyle) -> Int {
        write(text, x: rect.x, y: rect.y + line, style: style, clip: rect)
    }

    // MARK: - Cell placement (keeps wide graphemes whole)

    private mutating func fixLeftEdge(x: Int, y: Int) {
        // Overwriting a continuation cell breaks the wide grapheme to its left.
        guard x > 0, x < width else { return }
        let i = y * width + x
        if cells[i].isContinuation { cells[i - 1] = .blank(cells[i - 1].style) }
    }

    private mutating func fixRightEdge(x: Int, y: Int) {
        // Overwriting the lead of a wide grapheme orphans its continuation.
        guard x >= 0, x + 1 < width else { return }
        let i = y * width + x
        if cells[i].width == 2 { cells[i + 1] = .blank(cells[i + 1].style) }
    }

    private mutating func place(_ cell: Cell, at x: Int, y: Int) {
        fixLeftEdge(x: x, y: y)
        fixRightEdge(x: x, y: y)
        cells[y * width + x] = cell
    }

    private mutating func placeWide(_ cell: Cell, at x: Int, y: Int) {
        fixLeftEdge(x: x, y: y)
        fixRightEdge(x: x + 1, y: y)
        let i = y * width + x
        cells[i] = cell
        cells[i + 1] = .continuation(cell.style)
    }

    // MARK: - Diff

    /// The runs of cells that differ from `previous`; every row in full when the sizes differ.
    ///
    /// Runs never start on a continuation cell (they start at its wide grapheme) and never end on the
    /// lead of a wide grapheme without its continuation. `mergeGap` joins two runs separated by at most
    /// that many unchanged cells (rewriting a few cells is cheaper than a cursor move); 0 gives exact runs.
    public func diff(from previous: FrameBuffer, mergeGap: Int = 0) -> [FrameChange] {
        guard previous.width == width, previous.height == height else { return fullFrame() }
        var changes: [FrameChange] = []
        let old = previous.cells
        for y in 0..<height {
            let row = y * width
            var x = 0
            while x < width {
                if cells[row + x] == old[row + x] {
                    x += 1
                    continue
                }
                var start = x
                var end = x + 1  // exclusive
                var probe = end
                while probe < width {
                    if cells[row + probe] != old[row + probe] {
                        probe += 1
                        end = probe
                    } else if probe - end < mergeGap {
                        probe += 1
                    } else {
                        break
                    }
                }
                if cells[row + start].isContinuation && start > 0 { start -= 1 }
                if cells[row + end - 1].width == 2 && end < width { end += 1 }
                changes.append(FrameChange(x: start, y: y, cells: Array(cells[(row + start)..<(row + end)])))
                x = end
            }
        }
        return changes
    }

    /// Every row as one run: what a backend draws for a first frame or after a resize.
    public func fullFrame() -> [FrameChange] {
        guard width > 0 else { return [] }
        return (0..<height).map { y in FrameChange(x: 0, y: y, cells: Array(cells[(y * width)..<(y * width + width)])) }
    }

    // MARK: - Text form (tests, snapshots)

    /// Each row as text (continuation cells contribute nothing, so wide graphemes keep their column).
    public func textLines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !cells[y * width + x].isContinuation {
                line += cells[y * width + x].grapheme
            }
            return line
        }
    }
}
