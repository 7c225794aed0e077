import Foundation
import TerminalUI

/// The text and role a panel's border shows for its data state: `loading…`, `12s ago`,
/// `STALE since 12:03:04`, `error 5s ago: …`.
enum PanelStatusText {
    /// The text and role for a status at `now`.
    static func make(_ status: PanelStatus, now: Date) -> (text: String, role: ThemeRole) {
        switch status {
        case .loading:
            return ("loading…", .textDim)
        case .fresh(let at):
            // An absolute time changes only when the data does (a relative age would redraw every second).
            return ("updated \(ConsoleFormat.clock(at))", .textDim)
        case .stale(let since):
            return ("STALE since \(ConsoleFormat.clock(since))", .badgeStale)
        case .error(let message, let at, let staleSince):
            if let staleSince {
                return (
                    "STALE since \(ConsoleFormat.clock(staleSince)) · error \(ConsoleFormat.age(of: at, now: now)) ago",
                    .badgeStale
                )
            }
            return ("error \(ConsoleFormat.age(of: at, now: now)) ago: \(message)", .healthCritical)
        }
    }
}
