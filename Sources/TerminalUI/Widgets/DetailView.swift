/// A scrollable detail view: sections, aligned key-value rows with wrapped values, and paragraphs.
public struct DetailView: Widget {
    /// The entries.
    public var items: [DetailItem]
    /// First line shown.
    public var scrollOffset: Int

    /// Creates a detail view.
    public init(items: [DetailItem], scrollOffset: Int = 0) {
        self.items = items
        self.scrollOffset = scrollOffset
    }

    /// One laid-out screen line.
    public struct Line: Hashable, Sendable {
        /// What the line shows.
        public enum Kind: Hashable, Sendable {
            /// A key column (empty on continuation lines) and a value.
            case field
            /// A section heading (in `value`).
            case section
            /// A paragraph line (in `value`).
            case text
        }

        /// The kind of line.
        public var kind: Kind
        /// The key text (fields only).
        public var key: String
        /// The value, heading or paragraph text.
        public var value: String
        /// The role of the value.
        public var role: ThemeRole
    }

    /// Width of the key column for a total width: the longest key, at most 40% of the width.
    public func keyWidth(total: Int) -> Int {
        let longest =
            items.compactMap { item -> Int? in
                if case .field(let key, _, _) = item { return TextLayout.width(key) }
                return nil
            }.max() ?? 0
        return min(longest, max(4, total * 2 / 5))
    }

    /// The lines for a width (use `.count` to clamp the scroll offset).
    public func lines(width: Int) -> [Line] {
        let kw = keyWidth(total: width)
        let valueWidth = max(1, width - kw - 2)
        var out: [Line] = []
        for item in items {
            switch item {
            case .field(let key, let value, let role):
                let wrapped = TextLayout.wrap(value, width: valueWidth)
                for (i, line) in (wrapped.isEmpty ? [""] : wrapped).enumerated() {
                    out.append(Line(kind: .field, key: i == 0 ? key : "", value: line, role: role ?? .text))
                }
            case .section(let title):
                out.append(Line(kind: .section, key: "", value: title, role: .panelTitle))
            case .text(let text):
                for line in TextLayout.wrap(text, width: width) {
                    out.append(Line(kind: .text, key: "", value: line, role: .text))
                }
            case .blank:
                out.append(Line(kind: .text, key: "", value: "", role: .text))
            }
        }
        return out
    }

    /// Draws the visible lines (with a scrollbar when they do not all fit).
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: theme.style(.text))
        var content = area
        var all = lines(width: content.width)
        if all.count > area.height && area.width > 2 {
            content = area.inset(right: 1)
            all = lines(width: content.width)
            Scrollbar(total: all.count, visible: area.height, offset: scrollOffset).render(
                into: &buffer, area: Rect(x: area.maxX - 1, y: area.y, width: 1, height: area.height), theme: theme)
        }
        let kw = keyWidth(total: content.width)
        let offset = max(0, min(scrollOffset, all.count - content.height))
        for (i, line) in all.dropFirst(offset).prefix(content.height).enumerated() {
            let y = content.y + i
            switch line.kind {
            case .section, .text:
                buffer.write(line.value, x: content.x, y: y, style: theme.style(line.role), clip: content)
            case .field:
                buffer.write(
                    TextLayout.fit(line.key, width: kw, ellipsis: theme.glyphs.ellipsis), x: content.x, y: y,
                    style: theme.style(.textDim), clip: content)
                buffer.write(line.value, x: content.x + kw + 2, y: y, style: theme.style(line.role), clip: content)
            }
        }
    }
}
