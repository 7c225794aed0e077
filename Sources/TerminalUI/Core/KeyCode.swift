/// The key itself, without modifiers.
public enum KeyCode: Hashable, Sendable {
    /// A printable character (space included). Letters keep their case: `G` is shift-g.
    case character(Character)
    /// Enter / Return.
    case enter
    /// Tab (with `.shift`: back-tab).
    case tab
    /// Backspace.
    case backspace
    /// Delete (forward).
    case delete
    /// Escape.
    case escape
    /// Insert.
    case insert
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Page up.
    case pageUp
    /// Page down.
    case pageDown
    /// Function key F1–F24.
    case function(Int)
}
