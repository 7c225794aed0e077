/// One row of text: spans written one after another, placed in its field by `alignment` (ratatui's `Line`).
///
/// Views build lines as values and write each with one call (`FrameBuffer.set(_:in:theme:)`), which
/// sanitizes, resolves roles in the theme and clips by display width as `FrameBuffer.write` does.
///
/// A line may know the columns it will be given (`limit`) while it is built. `appendWhole` then keeps a
/// group of spans whole or leaves it out (a number shown as `p99 56` for `p99 565ms` would be a lie); once
/// a group is left out the line is `isClosed` and takes no further groups, so fields drop from the end,
/// never out of order.
public struct Line: Hashable, Sendable {
    /// The spans, left to right.
    public var spans: [Span]
    /// Placement of the line in a wider field (only when it fits).
    public var alignment: TextAlignment
    /// The columns the line will be given, when known while it is built (`nil`: unbounded).
    public var limit: Int?
    /// Whether `appendWhole` left a group out (or `close()` was called): no more groups are taken.
    public private(set) var isClosed = false

    /// A line of spans.
    public init(_ spans: [Span] = [], alignment: TextAlignment = .left, limit: Int? = nil) {
        self.spans = spans
        self.alignment = alignment
        self.limit = limit
    }

    /// A line of one span.
    public init(_ content: String, _ role: ThemeRole = .text, alignment: TextAlignment = .left) {
        self.init([Span(content, role)], alignment: alignment)
    }

    /// Display width in columns (the sum of the spans' widths).
    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    /// Columns left before `limit` (`Int.max` when unbounded).
    public var remaining: Int { limit.map { max(0, $0 - width) } ?? .max }

    /// Appends a span (clipped at render time if the line overflows).
    public mutating func append(_ span: Span) { spans.append(span) }

    /// Appends text in a role.
    public mutating func append(_ content: String, _ role: ThemeRole = .text) { spans.append(Span(content, role)) }

    /// Appends the spans only if all of them fit in what is left of `limit`, and the line is not closed;
    /// otherwise closes the line. Returns whether they were appended.
    @discardableResult
    public mutating func appendWhole(_ group: [Span]) -> Bool {
        guard !isClosed else { return false }
        guard group.reduce(0, { $0 + $1.width }) <= remaining else {
            isClosed = true
            return false
        }
        spans.append(contentsOf: group)
        return true
    }

    /// Appends a span cut with `ellipsis` to what is left of `limit` (nothing when no room is left).
    public mutating func appendTruncated(_ span: Span, ellipsis: String = "…") {
        guard remaining > 0 else { return }
        spans.append(remaining == .max ? span : span.truncated(to: remaining, ellipsis: ellipsis))
    }

    /// Takes no further `appendWhole` groups (what follows would read as if a list had ended).
    public mutating func close() { isClosed = true }
}

extension Line: Widget {
    /// Writes the line on the first row of `area`, clipped to it.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        buffer.set(self, in: area, theme: theme)
    }
}
