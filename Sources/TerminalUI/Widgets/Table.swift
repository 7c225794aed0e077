/// A table: header with sort indicator, sized columns, truncation, selection, scrolling, filter highlights.
///
/// The table is a value: the app keeps `selectedRow` and `scrollOffset` in its state and updates the
/// offset with `Table.scrollOffset(selected:current:visibleRows:rowCount:)` so the selection stays visible.
public struct Table: Widget {
    /// Columns.
    public var columns: [TableColumn]
    /// Rows (already filtered and sorted by the app).
    public var rows: [TableRow]
    /// Index of the selected row, if any.
    public var selectedRow: Int?
    /// First row shown (corrected here so the selection is visible).
    public var scrollOffset: Int
    /// Whether the table has focus (selection role focused/unfocused).
    public var focused: Bool
    /// Column the rows are sorted by, if any.
    public var sortColumn: Int?
    /// Sort direction.
    public var sortAscending: Bool
    /// Text to highlight in cells (case-insensitive), e.g. the `/` filter.
    public var highlight: String
    /// Whether to draw the header row.
    public var showHeader: Bool
    /// Text shown when there are no rows.
    public var emptyMessage: String
    /// Spaces between columns.
    public var columnSpacing: Int

    /// Creates a table.
    public init(
        columns: [TableColumn], rows: [TableRow], selectedRow: Int? = nil, scrollOffset: Int = 0,
        focused: Bool = true, sortColumn: Int? = nil, sortAscending: Bool = true, highlight: String = "",
        showHeader: Bool = true, emptyMessage: String = "no items", columnSpacing: Int = 1
    ) {
        self.columns = columns
        self.rows = rows
        self.selectedRow = selectedRow
        self.scrollOffset = scrollOffset
        self.focused = focused
        self.sortColumn = sortColumn
        self.sortAscending = sortAscending
        self.highlight = highlight
        self.showHeader = showHeader
        self.emptyMessage = emptyMessage
        self.columnSpacing = columnSpacing
    }

    /// The offset that keeps `selected` visible, moving `current` as little as possible.
    public static func scrollOffset(selected: Int?, current: Int, visibleRows: Int, rowCount: Int) -> Int {
        guard visibleRows > 0, rowCount > 0 else { return 0 }
        var offset = min(max(0, current), max(0, rowCount - visibleRows))
        if let selected {
            let s = min(max(0, selected), rowCount - 1)
            if s < offset { offset = s }
            if s >= offset + visibleRows { offset = s - visibleRows + 1 }
        }
        return offset
    }

    /// Where a cell is drawn in an area (nil when its row is scrolled out of view or its column is hidden).
    public func cellRect(row: Int, column: Int, in area: Rect, glyphs: GlyphSet = .unicode) -> Rect? {
        let visible = visibleRowCount(in: area)
        let offset = Table.scrollOffset(
            selected: selectedRow, current: scrollOffset, visibleRows: visible, rowCount: rows.count)
        guard row >= offset, row < min(rows.count, offset + visible), column >= 0, column < columns.count else {
            return nil
        }
        let widths = columnWidths(total: area.width, glyphs: glyphs)
        guard widths[column] > 0 else { return nil }
        let x = area.x + widths[..<column].reduce(0, +) + column * columnSpacing
        let y = area.y + (showHeader ? 1 : 0) + row - offset
        return Rect(x: x, y: y, width: widths[column], height: 1).intersection(area)
    }

    /// Number of data rows that fit in an area.
    public func visibleRowCount(in area: Rect) -> Int { max(0, area.height - (showHeader ? 1 : 0)) }

    /// Column widths for a total width: minimums first, then towards content width, then flex shares.
    public func columnWidths(total: Int, glyphs: GlyphSet = .unicode) -> [Int] {
        let n = columns.count
        guard n > 0 else { return [] }
        let available = max(0, total - columnSpacing * (n - 1))
        let natural = columns.enumerated().map { i, column -> Int in
            var w =
                CharacterWidth.of(column.title) + (sortColumn == i ? 1 + CharacterWidth.of(glyphs.sortAscending) : 0)
            for row in rows where i < row.cells.count {
                switch row.cells[i].graphic {
                case .sparkline(let values, _)?: w = max(w, values.count)
                case .gauge?: w = max(w, 10)
                case nil: w = max(w, TextLayout.width(row.cells[i].text))
                }
            }
            let capped = column.maxWidth.map { min(w, $0) } ?? w
            return max(column.minWidth, capped)
        }
        var widths = columns.map(\.minWidth)
        var remaining = available - widths.reduce(0, +)
        if remaining < 0 {
            // Not even the minimums fit: keep the first columns whole, cut from the end.
            for i in widths.indices.reversed() where remaining < 0 {
                let cut = min(widths[i], -remaining)
                widths[i] -= cut
                remaining += cut
            }
            return widths
        }
        // Grow towards natural width one cell at a time, round-robin, so no column starves.
        var growing = true
        while remaining > 0 && growing {
            growing = false
            for i in widths.indices where remaining > 0 && widths[i] < natural[i] {
                widths[i] += 1
                remaining -= 1
                growing = true
            }
        }
        // Share what is left among flex columns, by weight, within their maximums.
        while remaining > 0 {
            let open = columns.indices.filter { columns[$0].flex > 0 && widths[$0] < (columns[$0].maxWidth ?? Int.max) }
            guard !open.isEmpty else { break }
            let weight = open.reduce(0) { $0 + columns[$1].flex }
            var given = 0
            for i in open {
                let share = max(1, remaining * columns[i].flex / weight)
                let room = (columns[i].maxWidth ?? Int.max) - widths[i]
                let add = min(share, room, remaining - given)
                widths[i] += add
                given += add
                if given >= remaining { break }
            }
            if given == 0 { break }
            remaining -= given
        }
        return widths
    }

    /// Draws the table.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let g = theme.glyphs
        buffer.fill(area, style: theme.style(.text))
        let widths = columnWidths(total: area.width, glyphs: g)
        var xs: [Int] = []
        var x = area.x
        for w in widths {
            xs.append(x)
            x += w + columnSpacing
        }
        var y = area.y
        if showHeader {
            let style = theme.style(.tableHeader)
            for (i, column) in columns.enumerated() where widths[i] > 0 {
                var title = column.title
                if sortColumn == i {
                    // Keep the sort indicator visible: truncate the title, not the arrow.
                    let arrow = sortAscending ? g.sortAscending : g.sortDescending
                    let room = widths[i] - 1 - CharacterWidth.of(arrow)
                    title =
                        room > 0 ? TextLayout.truncate(title, width: room, ellipsis: g.ellipsis) + " " + arrow : arrow
                }
                let text = TextLayout.fit(title, width: widths[i], alignment: column.alignment, ellipsis: g.ellipsis)
                buffer.write(text, x: xs[i], y: y, style: style, clip: area)
            }
            y += 1
        }
        let visible = visibleRowCount(in: area)
        guard !rows.isEmpty else {
            if visible > 0 {
                buffer.write(
                    TextLayout.truncate(emptyMessage, width: area.width, ellipsis: g.ellipsis), x: area.x, y: y,
                    style: theme.style(.textDim), clip: area)
            }
            return
        }
        let offset = Table.scrollOffset(
            selected: selectedRow, current: scrollOffset, visibleRows: visible, rowCount: rows.count)
        let selectionStyle = theme.style(focused ? .selectionFocused : .selectionUnfocused)
        let matchStyle = theme.style(.match)
        let needle = Array(highlight.lowercased())
        for index in offset..<min(rows.count, offset + visible) {
            let row = rows[index]
            let selected = index == selectedRow
            let rowRect = Rect(x: area.x, y: y, width: area.width, height: 1)
            if selected { buffer.fill(rowRect, style: selectionStyle) }
            for (i, column) in columns.enumerated() where widths[i] > 0 {
                let cell = i < row.cells.count ? row.cells[i] : TableCell("")
                if let graphic = cell.graphic {
                    let rect = Rect(x: xs[i], y: y, width: widths[i], height: 1).intersection(rowRect)
                    switch graphic {
                    case .sparkline(let values, let maximum):
                        Sparkline(values: values, maximum: maximum).render(into: &buffer, area: rect, theme: theme)
                    case .gauge(let fraction):
                        Gauge(fraction: fraction).render(into: &buffer, area: rect, theme: theme)
                    }
                    continue
                }
                let style = selected ? selectionStyle : theme.style(cell.role ?? row.role ?? .text)
                let text = TextLayout.fit(
                    cell.text, width: widths[i], alignment: column.alignment, ellipsis: g.ellipsis)
                buffer.write(text, x: xs[i], y: y, style: style, clip: rowRect)
                if !needle.isEmpty {
                    Table.highlightMatches(
                        in: text, needle: needle, x: xs[i], y: y, clip: rowRect, style: matchStyle, buffer: &buffer)
                }
            }
            y += 1
        }
    }

    /// Restyles the columns of `text` (drawn at `x`) that match `needle`, case-insensitively.
    static func highlightMatches(
        in text: String, needle: [Character], x: Int, y: Int, clip: Rect, style: CellStyle, buffer: inout FrameBuffer
    ) {
        let chars = Array(text)
        let lower = chars.map { Character($0.lowercased()) }
        guard needle.count <= lower.count else { return }
        var columns: [Int] = []
        var col = 0
        for ch in chars {
            columns.append(col)
            col += CharacterWidth.of(ch)
        }
        var i = 0
        while i + needle.count <= lower.count {
            if Array(lower[i..<(i + needle.count)]) == needle {
                let start = columns[i]
                let end = i + needle.count < columns.count ? columns[i + needle.count] : col
                buffer.updateStyle(Rect(x: x + start, y: y, width: end - start, height: 1).intersection(clip)) {
                    $0 = style
                }
                i += needle.count
            } else {
                i += 1
            }
        }
    }
}
