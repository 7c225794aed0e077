extension Theme {
    /// Whether the theme paints with colour at all: false on a terminal without colour (`NO_COLOR`, mono
    /// depth) and for a colourless theme such as `mono` on a colour terminal. Widgets that would add a colour
    /// of their own (an environment's accent) or that need a non-colour cue instead ask this.
    public var paintsColour: Bool {
        guard colorDepth != .mono else { return false }
        // Every status role without a colour means the theme carries meaning by attributes only.
        let roles: [ThemeRole] = [.text, .healthOK, .healthWarn, .healthCritical, .border, .title]
        return roles.contains { role in
            let style = self.style(role)
            return style.foreground != .default || style.background != .default
        }
    }
}
