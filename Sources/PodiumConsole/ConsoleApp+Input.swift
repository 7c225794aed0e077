import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// Routes a key: the open overlay first, then the progress pane, then the screen's key map.
    func handleInput(_ state: inout ConsoleState, _ event: KeyEvent) -> [Effect<ConsoleAction>] {
        if let overlay = state.overlay { return handleOverlay(&state, overlay, event) }
        if let run = state.deployment, !run.hidden, let key = event.key {
            if key == .escape || key == .char("q") || (key == .enter && !run.isRunning) {
                if run.isRunning {
                    state.deployment?.hidden = true
                    toast(&state, "\(run.label) carries on in the background (w shows it)", kind: .info)
                } else {
                    state.deployment = nil
                }
                return []
            }
            if key != .char("?") { return [] }
        }
        guard case .key(let key) = event else { return [] }
        let map = state.effectiveKeyMap
        guard let binding = map.binding(for: key, in: state.screen.scope) else {
            // A key that changes something elsewhere says why it does nothing here, instead of nothing at all.
            if state.isReadOnly, let removed = state.keyMap.binding(for: key, in: state.screen.scope),
                removed.destructive
            {
                let why = state.options.isWatch ? "the watch screen" : "this console (--read-only)"
                toast(&state, "\(removed.description): \(why) is read-only", kind: .info)
            }
            return []
        }
        if let reason = binding.disabledReason {
            toast(&state, "\(binding.description): \(reason)", kind: .info)
            return []
        }
        return perform(&state, binding.action)
    }

    /// Performs a key-map action.
    func perform(_ state: inout ConsoleState, _ action: String) -> [Effect<ConsoleAction>] {
        typealias A = ConsoleKeys.Action
        switch action {
        case A.help:
            state.overlay = .help(scroll: 0)
        case A.quit:
            return leaveScreen(&state, quitAtTop: true)
        case A.back:
            if state.stack.count > 1 {
                return leaveScreen(&state, quitAtTop: false)
            }
            state.filters[state.screen.listKey] = nil
            if state.screen == .dashboard { state.focusedEnvironment = nil }
        case A.filter:
            state.overlay = .filter(LineEditor(text: state.currentFilter, maxLength: 80))
        case A.command:
            state.overlay = .command(LineEditor(maxLength: 120, candidates: commandCandidates(state)))
        case A.refresh:
            return scheduleRefreshes(&state, force: true)
        case A.nextScreen, A.previousScreen:
            let tabs = state.options.isWatch ? state.options.pages : ConsoleTab.allCases
            let index = tabs.firstIndex(of: state.screen.tab) ?? 0
            let step = action == A.nextScreen ? 1 : tabs.count - 1
            return switchTab(&state, tabs[(index + step) % tabs.count])
        case A.dashboard: return switchTab(&state, .dashboard)
        case A.registry: return switchTab(&state, .registry)
        case A.pending: return switchTab(&state, .pending)
        case A.activity: return switchTab(&state, .activity)
        case A.showDeployment:
            if state.deployment == nil {
                toast(&state, "no deployment started from this console", kind: .info)
            } else {
                state.deployment?.hidden = false
            }
        case A.open:
            return openSelection(&state)
        case A.rollback:
            return startRollback(&state)
        case A.dashboardPromote:
            return promoteToSelectedEndpoint(&state)
        case A.versionsPromote, A.detailPromote, A.pendingPromote:
            guard let version = selectedVersion(state) else { return [] }
            return startPromotion(&state, VersionKey(group: version.group, version: version.version))
        case A.detailApprove, A.pendingApprove, A.detailReject, A.pendingReject:
            guard let version = selectedVersion(state) else { return [] }
            let decision: ApprovalStatus =
                action == A.detailApprove || action == A.pendingApprove ? .approved : .rejected
            return askComment(&state, version, decision)
        default:
            if action.hasPrefix("nav.") { moveCursor(&state, action) }
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
            let rows = state.dashboardRows
            guard !rows.isEmpty else { return [] }
            let row = rows[min(state.cursor(ConsoleScreen.dashboard.listKey), rows.count - 1)]
            state.stack = [.groups, .versions(group: row.spec.modelPackageGroup)]
            if let version = row.health?.deployment.version,
                let index = state.versionRows(row.spec.modelPackageGroup).firstIndex(where: { $0.version == version })
            {
                state.cursors[ConsoleScreen.versions(group: row.spec.modelPackageGroup).listKey] = index
            }
        case .groups:
            let rows = state.groupRows
            guard !rows.isEmpty else { return [] }
            let group = rows[min(state.cursor(ConsoleScreen.groups.listKey), rows.count - 1)]
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
            let rows = state.versionRows(group)
            guard !rows.isEmpty else { return nil }
            return rows[min(state.cursor(state.screen.listKey), rows.count - 1)]
        case .pending:
            let rows = state.pendingRows
            guard !rows.isEmpty else { return nil }
            return rows[min(state.cursor(state.screen.listKey), rows.count - 1)]
        case .detail(let key):
            return state.knownVersion(key)
        default:
            return nil
        }
    }

    /// Moves the cursor (or scrolls) of the current screen.
    func moveCursor(_ state: inout ConsoleState, _ action: String) {
        let key = state.screen.listKey
        let page = max(1, state.size.height - 8)
        if case .detail = state.screen {
            var scroll = state.scrolls[key] ?? 0
            switch action {
            case "nav.up": scroll -= 1
            case "nav.down": scroll += 1
            case "nav.pageUp": scroll -= page
            case "nav.pageDown": scroll += page
            case "nav.top": scroll = 0
            case "nav.bottom": scroll = 10_000
            default: break
            }
            state.scrolls[key] = max(0, scroll)
            return
        }
        let count = state.rowCount(of: state.screen)
        guard count > 0 else { return }
        var cursor = state.cursor(key)
        switch action {
        case "nav.up": cursor -= 1
        case "nav.down": cursor += 1
        case "nav.pageUp": cursor -= page
        case "nav.pageDown": cursor += page
        case "nav.top": cursor = 0
        case "nav.bottom": cursor = count - 1
        case "nav.left", "nav.right":
            guard state.screen == .dashboard else { return }
            cursor = ConsoleApp.environmentJump(rows: state.dashboardRows, from: cursor, forward: action == "nav.right")
        default: break
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

    // MARK: - Overlays

    /// Keys while an overlay is open.
    func handleOverlay(_ state: inout ConsoleState, _ overlay: ConsoleOverlay, _ event: KeyEvent)
        -> [Effect<ConsoleAction>]
    {
        switch overlay {
        case .help(let scroll):
            switch event.key {
            case .some(.down), .some(.char("j")): state.overlay = .help(scroll: scroll + 1)
            case .some(.up), .some(.char("k")): state.overlay = .help(scroll: max(0, scroll - 1))
            case .some(.pageDown), .some(.space): state.overlay = .help(scroll: scroll + max(1, state.size.height - 6))
            case .some(.pageUp): state.overlay = .help(scroll: max(0, scroll - max(1, state.size.height - 6)))
            case .none: break
            default: state.overlay = nil
            }
            return []

        case .filter(var editor):
            let key = state.screen.listKey
            switch editor.handle(event) {
            case .submitted:
                state.overlay = nil
            case .cancelled:
                state.filters[key] = nil
                state.overlay = nil
            default:
                state.filters[key] = editor.text.isEmpty ? nil : editor.text
                state.cursors[key] = 0
                state.overlay = .filter(editor)
            }
            return []

        case .command(var editor):
            switch editor.handle(event) {
            case .submitted(let text):
                state.overlay = nil
                return runCommand(&state, text)
            case .cancelled:
                state.overlay = nil
            default:
                state.overlay = .command(editor)
            }
            return []

        case .comment(var prompt):
            switch prompt.editor.handle(event) {
            case .submitted(let text):
                let comment = text.trimmingCharacters(in: .whitespaces)
                if comment.isEmpty {
                    prompt.emptyRefused = true
                    state.overlay = .comment(prompt)
                    return []
                }
                state.overlay = nil
                return submitApproval(&state, prompt, comment: comment)
            case .cancelled:
                state.overlay = nil
            default:
                prompt.emptyRefused = false
                state.overlay = .comment(prompt)
            }
            return []

        case .confirmQuit:
            switch event.key {
            case .some(.char("y")), .some(.char("Y")): return [.quit]
            case .some(.char("n")), .some(.char("N")), .some(.escape), .some(.char("q")): state.overlay = nil
            default: break
            }
            return []

        case .promotePicker(var picker):
            return handlePicker(&state, &picker, event)

        case .plan(var pane):
            guard var modal = pane.modal, let plan = pane.plan else {
                if let key = event.key, key == .escape || key == .enter || key == .char("q") || key == .char("n") {
                    state.overlay = nil
                }
                return []
            }
            switch modal.handle(event) {
            case .confirmed:
                state.overlay = nil
                return startDeployment(&state, plan)
            case .cancelled:
                state.overlay = nil
                toast(&state, "\(plan.action.rawValue) \(plan.endpoint): cancelled, nothing changed", kind: .info)
            case .pending:
                pane.modal = modal
                state.overlay = .plan(pane)
            }
            return []
        }
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
