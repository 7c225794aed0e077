/// One piece of a status bar: text with a role, optionally drawn as a padded badge.
public struct StatusSegment: Hashable, Sendable {
    /// The text.
    public var text: String
    /// Its role (`statusbar`, `statusbar.error`, `badge.readonly`, `badge.stale`...).
    public var role: ThemeRole
    /// Whether to pad it as a badge (` READ-ONLY `).
    public var isBadge: Bool

    /// Creates a segment.
    public init(_ text: String, role: ThemeRole = .statusBar, isBadge: Bool = false) {
        self.text = text
        self.role = role
        self.isBadge = isBadge
    }

    /// A badge segment.
    public static func badge(_ text: String, role: ThemeRole = .badge) -> StatusSegment {
        StatusSegment(text, role: role, isBadge: true)
    }

    var rendered: String { isBadge ? " \(text) " : text }
}
