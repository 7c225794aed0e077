/// One terminal cell: a grapheme, its display width and its concrete style.
///
/// A wide (2-column) grapheme occupies its cell and the next one; the next one is a
/// *continuation* cell (`grapheme == ""`, `width == 0`) that a backend skips when drawing.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here (`""` for a continuation cell). Always sanitized when written via `FrameBuffer`.
    public var grapheme: String
    /// Display width: 1 or 2, or 0 for a continuation cell.
    public var width: UInt8
    /// The cell's style.
    public var style: CellStyle

    /// Creates a cell. Prefer `FrameBuffer.write` which sanitizes and measures text.
    public init(grapheme: String, width: UInt8 = 1, style: CellStyle = .plain) {
        self.grapheme = grapheme
        self.width = width
        self.style = style
    }

    /// A space in the plain style.
    public static let blank = Cell(grapheme: " ", width: 1, style: .plain)

    /// A space in a given style.
    public static func blank(_ style: CellStyle) -> Cell { Cell(grapheme: " ", width: 1, style: style) }

    /// The continuation half of a wide grapheme.
    public static func continuation(_ style: CellStyle) -> Cell { Cell(grapheme: "", width: 0, style: style) }

    /// Whether this is the second half of a wide grapheme.
    public var isContinuation: Bool { width == 0 }
}
