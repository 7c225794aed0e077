/// How much of an area one part of a layout takes.
public enum Constraint: Hashable, Sendable {
    /// Exactly `n` cells (less only when the area is too small for all fixed parts).
    case fixed(Int)
    /// A percentage (0–100) of the area, rounded down.
    case percent(Int)
    /// A share of what is left after fixed, percent and min parts, by weight.
    case flex(Int)
    /// At least `n` cells, then grows like `.flex(1)`.
    case min(Int)
}
