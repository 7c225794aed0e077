import TerminalUI

extension NavigationAction {
    /// Where a position along a list or a text (a cursor, a scroll offset) goes, kept within `0...last`; nil for
    /// left and right, which are not moves along it.
    func position(from current: Int, page: Int, last: Int) -> Int? {
        let moved: Int
        switch self {
        case .up: moved = current - 1
        case .down: moved = current + 1
        case .pageUp: moved = current - page
        case .pageDown: moved = current + page
        case .top: moved = 0
        case .bottom: moved = last
        case .left, .right: return nil
        }
        return max(0, min(moved, last))
    }
}
