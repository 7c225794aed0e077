/// The `?` screen: every binding of the given scopes, from the same key map as the help bar.
///
/// Each line is `keys  description`, destructive actions marked `!`, disabled ones dimmed with their reason.
public struct HelpScreen<Action: KeyAction>: Widget {
    /// The key map.
    public var keyMap: KeyMap<Action>
    /// Scopes to list, in order (nil: every scope of the map).
    public var scopes: [String]?
    /// First line shown (for scrolling).
    public var scrollOffset: Int
    /// Title of the panel.
    public var title: String

    /// Creates a help screen.
    public init(keyMap: KeyMap<Action>, scopes: [String]? = nil, scrollOffset: Int = 0, title: String = "Keys") {
        self.keyMap = keyMap
        self.scopes = scopes
        self.scrollOffset = scrollOffset
        self.title = title
    }

    /// The content lines with their roles: (keys column, description, role).
    public func lines(glyphs: GlyphSet) -> [(keys: String, text: String, role: ThemeRole)] {
        var result: [(String, String, ThemeRole)] = []
        for scope in scopes ?? keyMap.scopes {
            let bindings = keyMap.bindings.filter { $0.scope == scope }
            guard !bindings.isEmpty else { continue }
            if !result.isEmpty { result.append(("", "", .text)) }
            result.append((scope, "", .panelTitle))
            for b in bindings {
                let keys = b.keys.map { $0.label(glyphs: glyphs) }.joined(separator: ", ")
                var text = b.description
                if b.destructive { text += " !" }
                if let reason = b.disabledReason { text += " (unavailable: \(reason))" }
                result.append((keys, text, b.isEnabled ? .helpDesc : .helpDisabled))
            }
        }
        return result
    }

    /// Draws the panel and the lines.
    public func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        Panel(title: title, trailing: "Esc closes", focused: true).render(into: &buffer, area: area, theme: theme)
        let inner = Panel.inner(area).inset(left: 1, right: 1)
        guard !inner.isEmpty else { return }
        let all = lines(glyphs: theme.glyphs)
        let keyWidth = min(inner.width / 3, (all.map { TextLayout.width($0.keys) }.max() ?? 0))
        let offset = max(0, min(scrollOffset, all.count - inner.height))
        for (i, line) in all.dropFirst(offset).prefix(inner.height).enumerated() {
            let y = inner.y + i
            if line.role == .panelTitle {
                buffer.write(line.keys, x: inner.x, y: y, style: theme.style(.panelTitle), clip: inner)
                continue
            }
            let keyRole: ThemeRole = line.role == .helpDisabled ? .helpDisabled : .helpKey
            buffer.write(
                TextLayout.fit(line.keys, width: keyWidth, ellipsis: theme.glyphs.ellipsis), x: inner.x + 1, y: y,
                style: theme.style(keyRole), clip: inner)
            buffer.write(line.text, x: inner.x + keyWidth + 3, y: y, style: theme.style(line.role), clip: inner)
        }
    }
}
