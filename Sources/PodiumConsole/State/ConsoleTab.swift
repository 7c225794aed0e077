/// The top-level screens, switched with Tab and the number keys.
public enum ConsoleTab: String, Sendable, Equatable, CaseIterable {
    /// The environments dashboard (start screen).
    case dashboard
    /// The model registry.
    case registry
    /// The pending-approval queue.
    case pending
    /// The audit log and recent approval changes.
    case activity
    /// The pipeline ledger and machinery.
    case pipeline

    /// The pages a watch shows when none are named: every page but the pipeline, which reads more of AWS (stacks,
    /// rules, Lambda metrics) and is shown only when asked for (`--pages dashboard,pipeline`).
    public static let standardPages: [ConsoleTab] = [.dashboard, .registry, .pending, .activity]

    /// The title shown in the title bar (stable text the end-to-end tests look for).
    public var title: String {
        switch self {
        case .dashboard: return "Dashboard"
        case .registry: return "Registry"
        case .pending: return "Pending"
        case .activity: return "Activity"
        case .pipeline: return "Pipeline"
        }
    }

    /// Parses a page name (`dashboard`, `pending`, `activity`, `pipeline`, `registry`, or `groups`).
    public init?(pageName: String) {
        switch pageName.lowercased() {
        case "dashboard", "dash", "envs", "environments": self = .dashboard
        case "registry", "groups": self = .registry
        case "pending", "queue": self = .pending
        case "activity", "audit": self = .activity
        case "pipeline", "ledger", "drift": self = .pipeline
        default: return nil
        }
    }
}
