import PodiumCore
import TerminalUI

extension ConsoleState {
    /// The key map in effect on the current screen: mutating bindings are removed in read-only views
    /// (watch mode, `--read-only`, a `read_only` environment), and approve/reject only exist for a pending
    /// version. The help bar, the `?` screen and dispatch all use this map.
    public var effectiveKeyMap: KeyMap {
        var map = keyMap
        if isReadOnly { map = map.removing { $0.destructive } }
        switch screen {
        case .dashboard:
            let rows = dashboardRows
            if rows.isEmpty {
                map = map.removing { $0.action == ConsoleKeys.Action.rollback }
            } else {
                let row = rows[min(cursor(screen.listKey), rows.count - 1)]
                if isReadOnly(environment: row.environment.name) {
                    map = map.removing { $0.action == ConsoleKeys.Action.rollback }
                } else if let run = deployment, run.isRunning {
                    map.setDisabledReason("\(run.label) is running", forAction: ConsoleKeys.Action.rollback)
                }
            }
        case .detail(let key):
            if knownVersion(key)?.status != ApprovalStatus.pending.rawValue {
                map = map.removing {
                    $0.action == ConsoleKeys.Action.detailApprove || $0.action == ConsoleKeys.Action.detailReject
                }
            }
        case .pending:
            if pendingRows.isEmpty {
                map = map.removing { $0.scope == ConsoleKeys.Scope.pending }
            }
        default:
            break
        }
        return map
    }
}
