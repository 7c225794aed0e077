import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// Routes a key: the open overlay first, then the progress pane, then the screen's key map.
    func handleInput(_ state: inout ConsoleState, _ event: KeyEvent) -> [Effect<ConsoleAction>] {
        if let overlay = state.overlay { return handleOverlay(&state, overlay, event) }
        if let run = state.deployment, !run.hidden, let key = event.key {
            let isHelp = state.effectiveKeyMap.binding(for: key, in: state.screen.scope)?.action == .help
            switch run.handlePane(state.overlayCommand(for: key, in: run.paneScope), isHelp: isHelp) {
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
            case .askCancel:
                state.deployment?.askingToCancel = true
                return []
            case .keepRunning:
                state.deployment?.askingToCancel = false
                return []
            case .cancelStack:
                state.deployment?.askingToCancel = false
                return cancelStackUpdate(&state, run)
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

    /// Performs a command of the screen scopes: the global ones here, the screen's own through its sub-model
    /// (`handleScreen`); overlay commands are handled by their overlay, and do nothing here.
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
        case .pipeline: return switchTab(&state, .pipeline)
        case .showDeployment:
            if state.deployment == nil {
                state.toast("no deployment started from this console", kind: .info)
            } else {
                state.deployment?.hidden = false
            }
        case .open, .logs, .follow, .rollback, .promote, .traffic, .approve, .reject, .up, .down, .left, .right, .top,
            .bottom, .pageUp, .pageDown:
            return handleScreen(&state, command)
        case .helpDown, .helpUp, .helpPageDown, .helpPageUp, .helpClose, .quitYes, .quitNo, .pickerPick, .pickerDown,
            .pickerUp, .pickerCancel, .planClose, .confirmYes, .confirmNo, .typedSubmit, .typedCancel, .progressHide,
            .progressClose, .progressCancelStack, .filterKeep, .filterClear, .commandRun, .commandComplete,
            .commandCancel, .commentSubmit,
            .commentCancel, .signInRetry, .signInCancel, .trafficUp, .trafficDown, .trafficMore, .trafficLess,
            .trafficReview, .trafficCancel, .pickerMode, .variantSubmit, .variantCancel:
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
}
