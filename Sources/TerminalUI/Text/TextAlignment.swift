/// Horizontal placement of text in a field.
public enum TextAlignment: Hashable, Sendable {
    /// Flush left.
    case left
    /// Centred.
    case center
    /// Flush right.
    case right
}
