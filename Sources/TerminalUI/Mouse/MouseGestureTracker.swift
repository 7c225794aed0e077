/// Turns mouse reports into gestures against the regions of the frame on screen. Pure: the runtime passes the
/// regions of the last frame it presented.
///
/// A click is a press and a release of the same button over the same target, acted on at the release (as htop
/// and most GUI toolkits do): pressing on a row and letting go elsewhere does nothing, and a press alone never
/// acts. Each wheel notch is a gesture at once (terminals send no release for it).
public struct MouseGestureTracker: Sendable {
    private var pressed: (button: MouseButton, target: (any HitTarget)?)?

    /// Creates a tracker with no button down.
    public init() {}

    /// The gesture an event completes, or nil.
    public mutating func handle(_ event: MouseEvent, regions: [HitRegion]) -> MouseInput? {
        let target = HitRegion.target(in: regions, x: event.x, y: event.y)
        switch event.action {
        case .press(let button):
            pressed = (button, target)
            return nil
        case .release(let button):
            guard let down = pressed, button == nil || button == down.button else {
                pressed = nil
                return nil
            }
            pressed = nil
            guard let target, let pressedTarget = down.target, target.isSame(as: pressedTarget) else { return nil }
            return MouseInput(.click(down.button), x: event.x, y: event.y, modifiers: event.modifiers, target: target)
        case .click(let button):
            pressed = nil
            return MouseInput(.click(button), x: event.x, y: event.y, modifiers: event.modifiers, target: target)
        case .wheelUp, .wheelDown:
            return MouseInput(
                .wheel(event.action == .wheelUp ? -1 : 1), x: event.x, y: event.y, modifiers: event.modifiers,
                target: target)
        }
    }
}
