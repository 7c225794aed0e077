/// A one-row list of the keys of a scope, generated from the key map (`shownInHelpBar` bindings).
public struct HelpBar<Action: KeyAction>: Widget {
    /// The key map.
    public var keyMap: KeyMap<Action>
    /// The scope whose bindings (plus global ones) are shown.
    public var scope: String

    /// Creates a help bar.
    public init(keyMap: KeyMap<Action>, scope: String) {
        self.keyMap = keyMap
        self.scope = scope
    }

    /// The (key label, description, enabled) items shown, in order.
    public func items(glyphs: GlyphSet) -> [(key: String, description: String, enabled: Bool)] {
        keyMap.bindings(in: scope).filter(\.shownInHelpBar).compactMap { b in
            guard let key = b.keys.first else { return nil }
            return (key.label(glyphs: glyphs), b.description, b.isEnabled)
        }
    }

    /// Draws `key description` pairs; pairs that do not fit whole are left out.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, style: theme.style(.helpDesc))
        var x = row.x + 1
        for item in items(glyphs: theme.glyphs) {
            let width = TextLayout.width(item.key) + 1 + TextLayout.width(item.description)
            if x + width > row.maxX { break }
            let keyRole: ThemeRole = item.enabled ? .helpKey : .helpDisabled
            let descRole: ThemeRole = item.enabled ? .helpDesc : .helpDisabled
            x = buffer.write(item.key, x: x, y: row.y, style: theme.style(keyRole), clip: row)
            x = buffer.write(" " + item.description, x: x, y: row.y, style: theme.style(descRole), clip: row)
            x += 2
        }
    }
}
