/// A role's look as written in a theme file: colours, attributes and an optional mono look.
public struct RoleStyle: Hashable, Sendable {
    /// Foreground, or nil for the terminal default.
    public var foreground: TerminalColor?
    /// Background, or nil for the terminal default.
    public var background: TerminalColor?
    /// Attributes in colour modes.
    public var attributes: TextAttributes
    /// Attributes in mono mode (nil: the role's `defaultMonoAttributes` plus `attributes`).
    public var monoAttributes: TextAttributes?

    /// Creates a role style.
    public init(
        foreground: TerminalColor? = nil, background: TerminalColor? = nil, attributes: TextAttributes = [],
        monoAttributes: TextAttributes? = nil
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.monoAttributes = monoAttributes
    }

    /// The concrete cell style for a role at a colour depth.
    public func resolved(role: ThemeRole, depth: ColorDepth) -> CellStyle {
        if depth == .mono {
            return CellStyle(attributes: monoAttributes ?? role.defaultMonoAttributes.union(attributes))
        }
        return CellStyle(
            foreground: foreground ?? .default, background: background ?? .default, attributes: attributes
        ).degraded(to: depth)
    }
}
