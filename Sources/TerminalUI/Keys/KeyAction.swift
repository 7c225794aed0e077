/// What a key binding triggers: an app's command type (usually a `String`-backed enum, so that every
/// switch over it is exhaustive) whose `name` is the stable identifier config overrides use.
public protocol KeyAction: Hashable, Sendable {
    /// Stable identifier (`nav.down`, `pending.approve`); config overrides and error messages name it.
    var name: String { get }
}

extension KeyAction where Self: RawRepresentable, RawValue == String {
    /// The raw value is the name.
    public var name: String { rawValue }
}

/// Plain strings stay usable as actions (samples and widget tests that need no command type).
extension String: KeyAction {
    /// The string itself.
    public var name: String { self }
}
