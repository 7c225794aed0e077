/// Character attributes a terminal can draw (the only "colour" a mono terminal has).
public struct TextAttributes: OptionSet, Hashable, Sendable {
    /// The raw bit set.
    public let rawValue: UInt8

    /// Creates attributes from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold (or bright) text.
    public static let bold = TextAttributes(rawValue: 1 << 0)
    /// Dim (faint) text.
    public static let dim = TextAttributes(rawValue: 1 << 1)
    /// Italic text.
    public static let italic = TextAttributes(rawValue: 1 << 2)
    /// Underlined text.
    public static let underline = TextAttributes(rawValue: 1 << 3)
    /// Foreground and background swapped.
    public static let reverse = TextAttributes(rawValue: 1 << 4)
    /// Blinking text.
    public static let blink = TextAttributes(rawValue: 1 << 5)

    /// Every attribute with its name as used in theme files, in a stable order.
    public static let named: [(name: String, value: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic),
        ("underline", .underline), ("reverse", .reverse), ("blink", .blink),
    ]

    /// The attribute names set here, in `named` order (for debugging and snapshots).
    public var names: [String] { TextAttributes.named.filter { contains($0.value) }.map(\.name) }
}
