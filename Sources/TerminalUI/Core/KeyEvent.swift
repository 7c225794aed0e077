/// One input event from the terminal.
public enum KeyEvent: Hashable, Sendable {
    /// A key press.
    case key(Key)
    /// Bracketed-paste text (not yet sanitized: consumers sanitize, `LineEditor` does).
    case paste(String)
    /// The terminal was resized to the given size.
    case resize(width: Int, height: Int)
    /// A mouse report (only when the backend was asked to report the mouse). The runtime turns these into
    /// gestures for `TerminalApp.mouseAction`; `keyAction` never sees them.
    case mouse(MouseEvent)

    /// The key press, if this is one.
    public var key: Key? {
        if case .key(let k) = self { return k }
        return nil
    }
}
