import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// Routes a key: the open overlay first, then the progress pane, then the screen's key map.
    func handleInput(_ state: inout ConsoleState, _ event: KeyEvent) -> [Effect<ConsoleAction>] {
        if let overlay = state.overlay { return handleOverlay(&state, overlay, event) }
        if let run = state.deployment, !run.hidden, let key = event.key {
            let isHelp = state.effectiveKeyMap.binding(for: key, in: state.screen.scope)?.action == .help
            switch run.handlePane(state.overlayCommand(for: key, in: ConsoleKeys.Scope.progress), isHelp: isHelp) {
            case .hide:
                state.deployment?.hidden = true
                state.toast(
                    "\(run.label) carries on in the background (\(state.keyHint(.showDeployment)))", kind: .info)
                return []
            case .close:
                state.deployment = nil
                return []
            case .ignore:
                return []
            case .passThrough:
                break
            }
        }
        guard case .key(let key) = event else { return [] }
        let map = state.effectiveKeyMap
        guard let binding = map.binding(for: key, in: state.screen.scope) else {
            // A key that changes something elsewhere says why it does nothing here, instead of nothing at all.
            if state.isReadOnly, let removed = state.keyMap.binding(for: key, in: state.screen.scope),
                removed.destructive
            {
                let why = state.options.isWatch ? "the watch screen" : "this console (--read-only)"
                state.toast("\(removed.description): \(why) is read-only", kind: .info)
            }
            return []
        }
        if let reason = binding.disabledReason {
            state.toast("\(binding.description): \(reason)", kind: .info)
            return []
        }
        return perform(&state, binding.action)
    }

    /// Performs a screen command (overlay commands are handled by their overlay, and do nothing here).
    func perform(_ state: inout ConsoleState, _ command: ConsoleCommand) -> [Effect<ConsoleAction>] {
        switch command {
        case .help:
            state.overlay = .help(scroll: 0)
        case .quit:
            return leaveScreen(&state, quitAtTop: true)
        case .back:
            if state.stack.count > 1 {
                return leaveScreen(&state, quitAtTop: false)
            }
            state.filters[state.screen.listKey] = nil
            if state.screen == .dashboard { state.focusedEnvironment = nil }
        case .filter:
            state.overlay = .filter(LineEditor(text: state.currentFilter, maxLength: 80))
        case .command:
            state.overlay = .command(LineEditor(maxLength: 120, candidates: commandCandidates(state)))
        case .refresh:
            return scheduleRefreshes(&state, force: true)
        case .nextScreen, .previousScreen:
            let tabs = state.options.isWatch ? state.options.pages : ConsoleTab.allCases
            let index = tabs.firstIndex(of: state.screen.tab) ?? 0
            let step = command == .nextScreen ? 1 : tabs.count - 1
            return switchTab(&state, tabs[(index + step) % tabs.count])
        case .dashboard: return switchTab(&state, .dashboard)
        case .registry: return switchTab(&state, .registry)
        case .pending: return switchTab(&state, .pending)
        case .activity: return switchTab(&state, .activity)
        case .showDeployment:
            if state.deployment == nil {
                state.toast("no deployment started from this console", kind: .info)
            } else {
                state.deployment?.hidden = false
            }
        case .open:
            return openSelection(&state)
        case .rollback:
            return startRollback(&state)
        case .promote:
            if state.screen == .dashboard { return promoteToSelectedEndpoint(&state) }
            guard let version = selectedVersion(state) else { return [] }
            return startPromotion(&state, VersionKey(group: version.group, version: version.version))
        case .approve, .reject:
            guard let version = selectedVersion(state) else { return [] }
            return askComment(&state, version, command == .approve ? .approved : .rejected)
        case .up, .down, .left, .right, .top, .bottom, .pageUp, .pageDown:
            if let navigation = command.navigation { moveCursor(&state, navigation) }
            return describeRowsInView(&state)
        case .helpDown, .helpUp, .helpPageDown, .helpPageUp, .helpClose, .quitYes, .quitNo, .pickerPick, .pickerDown,
            .pickerUp, .pickerCancel, .planClose, .confirmYes, .confirmNo, .typedSubmit, .typedCancel, .progressHide,
            .progressClose, .filterKeep, .filterClear, .commandRun, .commandComplete, .commandCancel, .commentSubmit,
            .commentCancel:
            break
        }
        return []
    }

    /// `q`/Esc: back one screen; at the top, back to the dashboard; on the dashboard, quit (asking first).
    func leaveScreen(_ state: inout ConsoleState, quitAtTop: Bool) -> [Effect<ConsoleAction>] {
        if state.stack.count > 1 {
            state.stack.removeLast()
            return scheduleRefreshes(&state, force: false)
        }
        guard quitAtTop else { return [] }
        if state.options.isWatch { return [.quit] }
        if state.screen != .dashboard { return switchTab(&state, .dashboard) }
        state.overlay = .confirmQuit
        return []
    }

    /// Shows a tab's root screen.
    func switchTab(_ state: inout ConsoleState, _ tab: ConsoleTab) -> [Effect<ConsoleAction>] {
        if state.screen.tab != tab || state.stack.count > 1 { state.stack = [ConsoleScreen.root(of: tab)] }
        state.lastRotation = state.now
        return scheduleRefreshes(&state, force: false)
    }

    /// Enter on a list: drill down.
    func openSelection(_ state: inout ConsoleState) -> [Effect<ConsoleAction>] {
        switch state.screen {
        case .dashboard:
            guard let row = state.selection(of: state.dashboardRows, on: .dashboard) else { return [] }
            state.stack = [.groups, .versions(group: row.spec.modelPackageGroup)]
            if let version = row.health?.deployment.version,
                let index = state.versionRows(row.spec.modelPackageGroup).firstIndex(where: { $0.version == version })
            {
                state.cursors[ConsoleScreen.versions(group: row.spec.modelPackageGroup).listKey] = index
            }
        case .groups:
            guard let group = state.selection(of: state.groupRows, on: .groups) else { return [] }
            state.stack.append(.versions(group: group.name))
        case .versions, .pending:
            guard let version = selectedVersion(state) else { return [] }
            state.stack.append(.detail(VersionKey(group: version.group, version: version.version)))
        case .detail, .activity:
            return []
        }
        return scheduleRefreshes(&state, force: false)
    }

    /// The version under the cursor (versions list, pending queue) or shown (detail).
    func selectedVersion(_ state: ConsoleState) -> ModelVersion? {
        switch state.screen {
        case .versions(let group):
            return state.selection(of: state.versionRows(group), on: state.screen)
        case .pending:
            return state.selection(of: state.pendingRows, on: .pending)
        case .detail(let key):
            return state.knownVersion(key)
        default:
            return nil
        }
    }

    /// Moves the cursor (or scrolls) of the current screen.
    func moveCursor(_ state: inout ConsoleState, _ action: NavigationAction) {
        let key = state.screen.listKey
        let page = max(1, state.size.height - 8)
        if case .detail = state.screen {
            var scroll = state.scrolls[key] ?? 0
            switch action {
            case .up: scroll -= 1
            case .down: scroll += 1
            case .pageUp: scroll -= page
            case .pageDown: scroll += page
            case .top: scroll = 0
            case .bottom: scroll = 10_000
            case .left, .right: break
            }
            state.scrolls[key] = max(0, scroll)
            return
        }
        let count = state.rowCount(of: state.screen)
        guard count > 0 else { return }
        var cursor = state.cursor(key)
        switch action {
        case .up: cursor -= 1
        case .down: cursor += 1
        case .pageUp: cursor -= page
        case .pageDown: cursor += page
        case .top: cursor = 0
        case .bottom: cursor = count - 1
        case .left, .right:
            guard state.screen == .dashboard else { return }
            cursor = ConsoleApp.environmentJump(rows: state.dashboardRows, from: cursor, forward: action == .right)
        }
        state.cursors[key] = max(0, min(cursor, count - 1))
    }

    /// The first endpoint of the next (or previous) environment on the dashboard.
    static func environmentJump(rows: [DashboardRow], from cursor: Int, forward: Bool) -> Int {
        guard !rows.isEmpty else { return 0 }
        let current = rows[min(cursor, rows.count - 1)].environment.name
        let names = rows.map(\.environment.name).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        guard let index = names.firstIndex(of: current) else { return cursor }
        let target = names[(index + (forward ? 1 : names.count - 1)) % names.count]
        return rows.firstIndex { $0.environment.name == target } ?? cursor
    }
}

extension ConsoleState {
    /// The number of rows of a screen's list.
    public func rowCount(of screen: ConsoleScreen) -> Int {
        switch screen {
        case .dashboard: return dashboardRows.count
        case .groups: return groupRows.count
        case .versions(let group): return versionRows(group).count
        case .pending: return pendingRows.count
        case .activity: return auditRows.count + approvalRows.count
        case .detail: return 0
        }
    }

    /// The freshest known summary of a version (its group's list, the pending queue, or its detail).
    public func knownVersion(_ key: VersionKey) -> ModelVersion? {
        if let detail = details[key]?.value { return detail.version }
        if let version = versions[key.group]?.value?.first(where: { $0.version == key.version }) { return version }
        return pending.value?.first { $0.group == key.group && $0.version == key.version }
    }
}
