/// A mouse gesture the runtime hands to the app (`TerminalApp.mouseAction`), with the target drawn under the
/// pointer in the frame the user saw.
public struct MouseInput: Sendable {
    /// The gesture.
    public enum Gesture: Hashable, Sendable {
        /// A button pressed and released over the same target.
        case click(MouseButton)
        /// The wheel turned one notch: -1 up (away from the user), +1 down.
        case wheel(Int)
    }

    /// The gesture.
    public var gesture: Gesture
    /// Column of the pointer, from 0.
    public var x: Int
    /// Row of the pointer, from 0.
    public var y: Int
    /// Modifier keys held.
    public var modifiers: KeyModifiers
    /// What the last frame drew under the pointer (nil: nothing that records a target).
    public var target: (any HitTarget)?

    /// Creates an input.
    public init(_ gesture: Gesture, x: Int, y: Int, modifiers: KeyModifiers = [], target: (any HitTarget)?) {
        self.gesture = gesture
        self.x = x
        self.y = y
        self.modifiers = modifiers
        self.target = target
    }

    /// The target as the app's own type, or nil.
    public func target<T: HitTarget>(as type: T.Type) -> T? { target as? T }
}
