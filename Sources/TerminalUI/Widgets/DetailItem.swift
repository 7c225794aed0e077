/// One entry of a `DetailView`.
public enum DetailItem: Hashable, Sendable {
    /// A key-value row; the value wraps under itself. The role styles the value (nil: `text`).
    case field(String, String, role: ThemeRole? = nil)
    /// A section heading.
    case section(String)
    /// A paragraph of wrapped text.
    case text(String)
    /// An empty line.
    case blank
}
