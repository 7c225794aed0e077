/// The list navigation every app shares (arrows and vim keys, g/G and Home/End, PgUp/PgDn); apps wrap these
/// into their own command type with `KeyMap.navigation(_:)`.
public enum NavigationAction: String, CaseIterable, Hashable, Sendable, KeyAction {
    /// One row up.
    case up = "nav.up"
    /// One row down.
    case down = "nav.down"
    /// Left (previous column or group).
    case left = "nav.left"
    /// Right (next column or group).
    case right = "nav.right"
    /// First row.
    case top = "nav.top"
    /// Last row.
    case bottom = "nav.bottom"
    /// One page up.
    case pageUp = "nav.pageUp"
    /// One page down.
    case pageDown = "nav.pageDown"

    /// The default keys.
    public var defaultKeys: [Key] {
        switch self {
        case .up: return [.up, .char("k")]
        case .down: return [.down, .char("j")]
        case .left: return [.left, .char("h")]
        case .right: return [.right, .char("l")]
        case .top: return [.char("g"), .home]
        case .bottom: return [.char("G"), .end]
        case .pageUp: return [.pageUp, .ctrl("b")]
        case .pageDown: return [.pageDown, .ctrl("f")]
        }
    }

    /// What the help screen says.
    public var helpDescription: String {
        switch self {
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .top: return "first"
        case .bottom: return "last"
        case .pageUp: return "page up"
        case .pageDown: return "page down"
        }
    }
}
