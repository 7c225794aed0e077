/// Modifier keys held with a key.
public struct KeyModifiers: OptionSet, Hashable, Sendable {
    /// The raw bit set.
    public let rawValue: UInt8
    /// Creates modifiers from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Control.
    public static let ctrl = KeyModifiers(rawValue: 1 << 0)
    /// Alt / Meta (sent by terminals as an ESC prefix).
    public static let alt = KeyModifiers(rawValue: 1 << 1)
    /// Shift (only kept for non-character keys: shift-tab, shift-up...).
    public static let shift = KeyModifiers(rawValue: 1 << 2)
}
