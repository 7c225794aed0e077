/// A resolved theme: every role's concrete `CellStyle` at the terminal's colour depth, plus the glyphs.
///
/// Drawing code asks only for roles: `theme.style(.healthOK)` or `theme.style("health.ok")`.
/// Widgets take glyphs from `theme.glyphs`, so a widget's `render(into:area:theme:)` needs nothing else.
public struct Theme: Hashable, Sendable {
    /// The definition this theme was resolved from.
    public let definition: ThemeDefinition
    /// The colour depth styles are fitted to.
    public let colorDepth: ColorDepth
    /// Box drawing, blocks, spinner, arrows (Unicode or ASCII).
    public let glyphs: GlyphSet
    private let styles: [CellStyle]

    /// Resolves a definition for a colour depth and glyph set.
    public init(definition: ThemeDefinition, colorDepth: ColorDepth = .truecolor, glyphs: GlyphSet = .unicode) {
        self.definition = definition
        self.colorDepth = colorDepth
        self.glyphs = glyphs
        self.styles = ThemeRole.allCases.map { role in
            var current: ThemeRole? = role
            while let r = current {
                if let spec = definition.roles[r] {
                    // A fallen-back role keeps its own mono meaning (e.g. selection → reverse).
                    if r != role && colorDepth == .mono && spec.monoAttributes == nil {
                        return CellStyle(attributes: role.defaultMonoAttributes)
                    }
                    return spec.resolved(role: role, depth: colorDepth)
                }
                current = r.fallback
            }
            return CellStyle.plain.degraded(to: colorDepth)
        }
    }

    /// The theme's name.
    public var name: String { definition.name }

    /// The style of a role.
    public func style(_ role: ThemeRole) -> CellStyle {
        styles[ThemeRole.index(of: role)]
    }

    /// The style of a role named as in theme files; an unknown name gives the `text` style.
    public func style(_ name: String) -> CellStyle {
        ThemeRole(rawValue: name).map { style($0) } ?? style(.text)
    }

    /// The environment accent style with a colour given by name in the config (`red`, `#ff8800`, `208`);
    /// the theme's `env.accent` when the name is nil or not a colour. Mono: the role's attributes only.
    public func accent(_ colorName: String?) -> CellStyle {
        accent(colorName.flatMap { TerminalColor(name: $0) })
    }

    /// The environment accent style with a given colour (the colour is the foreground, degraded).
    public func accent(_ color: TerminalColor?) -> CellStyle {
        let base = style(.envAccent)
        guard let color, colorDepth != .mono else { return base }
        return CellStyle(foreground: color, background: .default, attributes: base.attributes.subtracting(.reverse))
            .degraded(to: colorDepth)
    }

    /// The same definition at another depth or with other glyphs.
    public func with(colorDepth: ColorDepth? = nil, glyphs: GlyphSet? = nil) -> Theme {
        Theme(definition: definition, colorDepth: colorDepth ?? self.colorDepth, glyphs: glyphs ?? self.glyphs)
    }

    /// The built-in dark theme, never failing (the last-resort fallback).
    public static func fallback(colorDepth: ColorDepth = .truecolor, glyphs: GlyphSet = .unicode) -> Theme {
        // The embedded default is validated by a test, so this parse cannot fail in a shipped build;
        // should it ever, a plain text-only definition keeps the UI usable.
        let definition =
            (try? ThemeDefinition.parse(yaml: BuiltinThemes.defaultYAML, file: "<builtin:default>"))
            ?? ThemeDefinition(name: "default", roles: [.text: RoleStyle()])
        return Theme(definition: definition, colorDepth: colorDepth, glyphs: glyphs)
    }
}

extension ThemeRole {
    private static let indices: [ThemeRole: Int] = Dictionary(
        uniqueKeysWithValues: ThemeRole.allCases.enumerated().map { ($1, $0) })

    static func index(of role: ThemeRole) -> Int { indices[role]! }
}
