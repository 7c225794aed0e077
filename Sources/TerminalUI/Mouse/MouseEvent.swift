/// One report from a terminal mouse: a button pressed or released, or a wheel notch, at a cell.
///
/// Terminals report the wheel as presses of buttons 4 (up) and 5 (down), with no release; the backend turns
/// those into `.wheelUp` / `.wheelDown`. Positions are zero-based cells of the screen (column `x`, row `y`).
public struct MouseEvent: Hashable, Sendable {
    /// What happened.
    public enum Action: Hashable, Sendable {
        /// A button went down.
        case press(MouseButton)
        /// A button came up (`nil`: the terminal did not say which, as in the X10 protocol).
        case release(MouseButton?)
        /// A whole click (press and release) reported at once, as by backends that group them.
        case click(MouseButton)
        /// One notch of the wheel away from the user (scroll up).
        case wheelUp
        /// One notch of the wheel towards the user (scroll down).
        case wheelDown
    }

    /// What happened.
    public var action: Action
    /// Column, from 0.
    public var x: Int
    /// Row, from 0.
    public var y: Int
    /// Modifier keys held (Shift, Alt/Meta, Ctrl), as far as the terminal reports them.
    public var modifiers: KeyModifiers

    /// Creates an event.
    public init(_ action: Action, x: Int, y: Int, modifiers: KeyModifiers = []) {
        self.action = action
        self.x = x
        self.y = y
        self.modifiers = modifiers
    }

    /// The event for an xterm button number (1–3 buttons, 4/5 wheel up/down, 6/7 wheel left/right) going down
    /// or up, as both the SGR (1006) and X10 encodings number them; nil for what an app cannot use (a wheel
    /// "release", horizontal wheels, buttons past 7). Coordinates are zero-based here.
    public init?(xtermButton button: Int, released: Bool, x: Int, y: Int, modifiers: KeyModifiers = []) {
        guard x >= 0, y >= 0 else { return nil }
        let action: Action
        switch (button, released) {
        case (1...3, false): action = .press(MouseButton(rawValue: button)!)
        case (1...3, true): action = .release(MouseButton(rawValue: button)!)
        case (4, false): action = .wheelUp
        case (5, false): action = .wheelDown
        default: return nil
        }
        self.init(action, x: x, y: y, modifiers: modifiers)
    }
}
