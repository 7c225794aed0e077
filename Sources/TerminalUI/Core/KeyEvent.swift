/// One input event from the terminal (no mouse).
public enum KeyEvent: Hashable, Sendable {
    /// A key press.
    case key(Key)
    /// Bracketed-paste text (not yet sanitized: consumers sanitize, `LineEditor` does).
    case paste(String)
    /// The terminal was resized to the given size.
    case resize(width: Int, height: Int)

    /// The key press, if this is one.
    public var key: Key? {
        if case .key(let k) = self { return k }
        return nil
    }
}
