/// Where the terminal cursor is shown after a frame (for line editors); no cursor when absent.
public struct CursorPosition: Hashable, Sendable {
    /// Column.
    public var x: Int
    /// Row.
    public var y: Int

    /// Creates a position.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}
