/// Where the operator is: a top-level tab, or a screen drilled into from one (`q`/Esc goes back).
public enum ConsoleScreen: Sendable, Equatable {
    /// The environments dashboard.
    case dashboard
    /// The list of model package groups.
    case groups
    /// The versions of one group.
    case versions(group: String)
    /// The detail of one version.
    case detail(VersionKey)
    /// The pending-approval queue.
    case pending
    /// The audit log and approval changes.
    case activity
    /// The pipeline ledger and machinery.
    case pipeline
    /// An endpoint's log view (`L` on the dashboard).
    case logs(environment: String, endpoint: String)

    /// The tab this screen belongs to.
    public var tab: ConsoleTab {
        switch self {
        case .dashboard: return .dashboard
        case .groups, .versions, .detail: return .registry
        case .pending: return .pending
        case .activity: return .activity
        case .pipeline: return .pipeline
        case .logs: return .dashboard
        }
    }

    /// The key-map scope of the screen.
    public var scope: String {
        switch self {
        case .dashboard: return ConsoleKeys.Scope.dashboard
        case .groups: return ConsoleKeys.Scope.groups
        case .versions: return ConsoleKeys.Scope.versions
        case .detail: return ConsoleKeys.Scope.detail
        case .pending: return ConsoleKeys.Scope.pending
        case .activity: return ConsoleKeys.Scope.activity
        case .pipeline: return ConsoleKeys.Scope.pipeline
        case .logs: return ConsoleKeys.Scope.logs
        }
    }

    /// The root screen of a tab.
    public static func root(of tab: ConsoleTab) -> ConsoleScreen {
        switch tab {
        case .dashboard: return .dashboard
        case .registry: return .groups
        case .pending: return .pending
        case .activity: return .activity
        case .pipeline: return .pipeline
        }
    }

    /// A key identifying the screen's list (cursor and filter are kept per list).
    public var listKey: String {
        switch self {
        case .dashboard: return "dashboard"
        case .groups: return "groups"
        case .versions(let group): return "versions:" + group
        case .detail(let key): return "detail:\(key.group)/\(key.version)"
        case .pending: return "pending"
        case .activity: return "activity"
        case .pipeline: return "pipeline"
        case .logs(let environment, let endpoint): return "logs:\(environment)/\(endpoint)"
        }
    }
}
