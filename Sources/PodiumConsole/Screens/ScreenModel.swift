import PodiumCore
import TerminalUI

/// A screen as a sub-model (bubbletea's component pattern, like the overlays): built from the state, it takes
/// the commands its scope resolved and says what the app should do; what it changed itself (a cursor, a scroll
/// offset) it stores back. `ConsoleApp.handleScreen` routes to the one shown and turns the outcome into state
/// changes and effects.
protocol ScreenModel {
    /// The screen's part of the state (its rows, cursor, scroll).
    init(_ state: ConsoleState)
    /// The outcome of one of the screen's commands (a command the screen does not take: `.none`).
    mutating func handle(_ command: ConsoleCommand) -> ScreenOutcome
    /// Writes what `handle` changed back into the state.
    func store(in state: inout ConsoleState)
    /// The key map on this screen: `map` less the commands the screen cannot do now (or with the reason it
    /// refuses one). The help bar, the `?` screen and dispatch all read the result (`effectiveKeyMap`).
    static func keys(_ map: KeyMap<ConsoleCommand>, in state: ConsoleState) -> KeyMap<ConsoleCommand>
}

extension ScreenModel {
    /// Every binding of the table stays.
    static func keys(_ map: KeyMap<ConsoleCommand>, in state: ConsoleState) -> KeyMap<ConsoleCommand> { map }
}

extension ConsoleScreen {
    /// The sub-model of the screen.
    var model: any ScreenModel.Type {
        switch self {
        case .dashboard: return DashboardScreen.self
        case .groups: return GroupsScreen.self
        case .versions, .pending: return VersionListScreen.self
        case .detail: return DetailScreen.self
        case .activity: return ActivityScreen.self
        case .pipeline: return PipelineScreen.self
        case .logs: return LogsScreen.self
        }
    }
}

/// What a screen command asks of the app.
public enum ScreenOutcome: Equatable, Sendable {
    /// Nothing (a command the screen does not take, or an empty list).
    case none
    /// The cursor or the scroll offset moved (rows brought into view may need describing).
    case moved
    /// Drill into a screen (Enter).
    case push(ConsoleScreen)
    /// Open a group's versions from the dashboard, with the cursor on the version the endpoint runs.
    case openVersions(group: String, running: Int?)
    /// Ask for the comment of an approve or reject of this version.
    case decide(ModelVersion, ApprovalStatus)
    /// Open the promotion target picker for this version.
    case promote(VersionKey)
    /// Promote to this dashboard endpoint (the version its upstream runs).
    case promoteTo(DashboardRow)
    /// Ask for this dashboard endpoint's rollback plan.
    case rollback(DashboardRow)
    /// Open the log view of an endpoint.
    case openLogs(environment: String, endpoint: String)
    /// Open this dashboard endpoint's traffic pane.
    case traffic(DashboardRow)
}
