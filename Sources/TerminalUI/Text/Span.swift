/// A piece of text in one style: the smallest unit of a `Line` (ratatui's `Span`).
///
/// The content is kept as given; it is sanitized when measured and when written, so a hostile string
/// (escape sequences, control characters, newlines) can never reach a cell or skew a width.
public struct Span: Hashable, Sendable {
    /// The text.
    public var content: String
    /// How its cells are styled.
    public var style: SpanStyle

    /// A span in a theme role.
    public init(_ content: String, _ role: ThemeRole = .text) {
        self.content = content
        self.style = .role(role)
    }

    /// A span in a fixed style.
    public init(_ content: String, style: CellStyle) {
        self.content = content
        self.style = .fixed(style)
    }

    /// A span in any `SpanStyle`.
    public init(_ content: String, spanStyle: SpanStyle) {
        self.content = content
        self.style = spanStyle
    }

    /// `columns` columns that are skipped, not drawn (another widget fills them).
    public static func gap(_ columns: Int) -> Span {
        Span(String(repeating: " ", count: max(0, columns)), spanStyle: .transparent)
    }

    /// Display width in columns of the sanitized content (wide characters count 2, combining marks 0).
    public var width: Int { TextLayout.width(content) }

    /// The span cut to at most `width` columns, ending with `ellipsis` when cut (never cut silently).
    public func truncated(to width: Int, ellipsis: String = "…") -> Span {
        Span(TextLayout.truncate(content, width: width, ellipsis: ellipsis), spanStyle: style)
    }
}
