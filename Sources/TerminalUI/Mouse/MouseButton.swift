/// A mouse button, numbered as xterm reports them (1 left, 2 middle, 3 right; 4 and 5 are the wheel).
public enum MouseButton: Int, Hashable, Sendable, CaseIterable {
    /// The primary button.
    case left = 1
    /// The middle button (or a wheel press).
    case middle = 2
    /// The secondary button.
    case right = 3
}
