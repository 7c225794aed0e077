/// A run of changed cells on one row, produced by `FrameBuffer.diff(from:)`.
///
/// The backend moves the cursor to (`x`, `y`) and draws `cells` left to right, skipping
/// continuation cells (the wide grapheme before them already covers them).
public struct FrameChange: Hashable, Sendable {
    /// Column of the first cell.
    public var x: Int
    /// Row.
    public var y: Int
    /// The new cells, contiguous from `x`.
    public var cells: [Cell]

    /// Creates a run.
    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }
}
