/// How a span's cells are styled: by a theme role (the usual case), by a fixed style (a colour a config names,
/// such as an environment's accent), or not at all (a gap that keeps what is drawn under it).
public enum SpanStyle: Hashable, Sendable {
    /// The theme's style for a role, resolved when the line is written.
    case role(ThemeRole)
    /// A style computed elsewhere (an accent colour no role names).
    case fixed(CellStyle)
    /// Columns the line skips without drawing: another widget (a sparkline) draws there.
    case transparent

    /// The cell style in `theme` (`nil` for a transparent span).
    public func resolve(in theme: Theme) -> CellStyle? {
        switch self {
        case .role(let role): return theme.style(role)
        case .fixed(let style): return style
        case .transparent: return nil
        }
    }
}
