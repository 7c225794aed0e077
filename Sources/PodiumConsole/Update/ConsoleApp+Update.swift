import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// Applies one action: the only place the state changes. Returns the effects to run (network calls,
    /// file reads) — nothing here waits for them.
    public func update(_ state: inout ConsoleState, _ action: ConsoleAction) -> [Effect<ConsoleAction>] {
        let effects = apply(&state, action)
        return effects + offerSignIn(&state, after: action)
    }

    /// `update` without the sign-in offer that may follow a failed result.
    func apply(_ state: inout ConsoleState, _ action: ConsoleAction) -> [Effect<ConsoleAction>] {
        switch action {
        case .tick(let date):
            state.now = date
            state.tickCount &+= 1
            _ = state.toasts.expire(now: date.timeIntervalSince1970)
            rotateIfDue(&state)
            return scheduleRefreshes(&state, force: false)

        case .resize(let size):
            state.size = size
            return []

        case .input(let event):
            return handleInput(&state, event)

        case .mouse(let input):
            return handleMouse(&state, input)

        // Results of the data sources (`DataSource`): each lands in its `Loadable`, and the status bar follows.
        case .identityLoaded(let result, let at, let requested):
            state.record(state.identity.apply(result, at: at, requested: requested), from: .identity, at: at)
            return loadProfileNamesOnce(&state)

        case .healthLoaded(let environment, let result, let at, let requested):
            let landing = state.health[environment, default: Loadable()].apply(result, at: at, requested: requested)
            guard landing != .ignored else { return [] }
            state.record(landing, from: .health(environment: environment), at: at)
            if landing == .stored, state.dashboardCompleteAt == nil,
                state.config.environments.allSatisfy({ state.health[$0.name]?.value != nil })
            {
                state.dashboardCompleteAt = at
            }
            state.clampCursor(ConsoleScreen.dashboard.listKey, count: state.dashboardRows.count)
            return refreshPicker(&state)

        case .registryLoaded(let result, let at, let requested):
            let pending = result.map { state.fillingDescribed($0.pending) }
            let landing = state.groups.apply(result.map(\.groups), at: at, requested: requested)
            guard landing != .ignored else { return [] }
            state.pending.apply(pending, at: at, requested: requested)
            if case .success(let snapshot) = result { state.recentChanges = snapshot.recentChanges }
            state.record(landing, from: .registry, at: at)
            state.clampCursor(ConsoleScreen.pending.listKey, count: state.pendingRows.count)
            state.clampCursor(ConsoleScreen.groups.listKey, count: state.groupRows.count)
            return describeRowsInView(&state)

        case .registryProgress(let progress, let requested):
            state.groups.report(progress: progress.text, requested: requested)
            state.pending.report(progress: progress.text, requested: requested)
            state.applyPartial(progress, requested: requested)
            return []

        case .versionsLoaded(let group, let result, let at, let requested):
            let listed = result.map { state.fillingDescribed($0) }
            let landing = state.versions[group, default: Loadable()].apply(listed, at: at, requested: requested)
            state.record(landing, from: .versions(group: group), at: at)
            return describeRowsInView(&state)

        case .rowsDescribed(let versions):
            state.applyDescribed(versions)
            return []

        case .detailLoaded(let key, let result, let at, let requested):
            // A detail no longer kept (others were opened since) is not brought back.
            guard let landing = state.details[key]?.apply(result, at: at, requested: requested) else { return [] }
            state.record(landing, from: .detail(key), at: at)
            return []

        case .auditLoaded(let result, let at, let requested, let unreadable, let teamError):
            let landing = state.audit.apply(result, at: at, requested: requested)
            if landing == .stored { state.auditUnreadableLines = unreadable }
            state.record(landing, from: .audit, at: at)
            // The team's log could not be read: the page holds this operator's records only, and says so (until a
            // read of the team's log succeeds).
            if landing == .stored, let teamError {
                state.noteError(
                    "team audit log: \(teamError); showing your records only", at: at, source: DataSource.audit.id)
            }
            return []

        case .pipelineLoaded(let result, let at, let requested):
            let landing = state.pipeline.apply(result, at: at, requested: requested)
            state.record(landing, from: .pipeline, at: at)
            return []

        case .logLinesLoaded(let environment, let endpoint, let result, let at, let requested):
            // Lines of a log no longer open are dropped (the tailer's cursor has moved: they would be lost anyway,
            // as the next feed of that endpoint starts its window again).
            guard var feed = state.logFeed, feed.environment == environment, feed.endpoint == endpoint else {
                return []
            }
            let filter = state.filters[ConsoleScreen.logs(environment: environment, endpoint: endpoint).listKey] ?? ""
            let landing = feed.poll.apply(result.map(\.count), at: at, requested: requested)
            if landing == .stored, case .success(let lines) = result { feed.append(lines, filter: filter) }
            state.logFeed = feed
            state.record(landing, from: .logs(environment: environment, endpoint: endpoint, restart: false), at: at)
            return []

        case .approvalFinished(let key, let decision, let result):
            return approvalFinished(&state, key, decision, result)

        case .targetPlanned(let key, let environment, let endpoint, let result):
            guard case .promotePicker(var picker) = state.overlay, picker.key == key else { return [] }
            picker.apply(environment: environment, endpoint: endpoint, result)
            state.overlay = .promotePicker(picker)
            return []

        case .rollbackPlanned(let environment, let endpoint, let result):
            guard case .plan(var pane) = state.overlay, pane.environment == environment, pane.endpoint == endpoint
            else { return [] }
            switch result {
            case .success(let plan):
                pane.plan = plan
                pane.modal = ConsoleApp.confirmation(
                    for: plan, endpointAlarms: ConsoleApp.endpointAlarms(for: plan, config: state.config))
            case .failure(let error): pane.error = error.message
            }
            state.overlay = .plan(pane)
            return []

        case .deploymentProgress(let progress):
            guard state.deployment?.isRunning == true else { return [] }
            state.deployment?.progress = progress
            if state.deployment?.phases.last != progress.phase { state.deployment?.phases.append(progress.phase) }
            return []

        case .stackCancelRequested(.success(let stack)):
            state.toast("CancelUpdateStack \(stack): CloudFormation rolls the stack back", kind: .info)
            return []
        case .stackCancelRequested(.failure(let error)):
            state.toast("cancel the stack update: \(error.message)", kind: .error, lifetime: 10)
            return []
        case .deploymentFinished(let result, let at):
            guard var run = state.deployment else { return [] }
            run.result = result
            run.finishedAt = at
            state.deployment = run
            switch result {
            case .success(let outcome):
                state.toast(
                    "\(run.plan.action == .rollback ? "Rolled back" : "Promoted") \(run.plan.endpoint): "
                        + "\(outcome.plan.changeSummary) (\(outcome.status))", kind: .success)
            case .failure(let error):
                state.toast("\(run.label) failed: \(error.message)", kind: .error, lifetime: 15)
                state.noteError("\(run.label): \(error.message)", at: at)
            }
            // The dashboard shows the new state at once, not at the next scheduled refresh.
            state.health[run.plan.environment]?.lastAttempt = nil
            state.health[run.plan.environment]?.inFlight = false
            return scheduleRefreshes(&state, force: false)

        case .themeLoaded(let name, let theme, let warning):
            state.theme = theme
            if let warning {
                state.noteError(warning, at: state.now)
                state.toast("theme \(name): \(warning)", kind: .error, lifetime: 10)
            } else {
                state.toast("theme \(theme.name)", kind: .info)
            }
            return [.repaint]

        case .signInPrompted, .signInFinished:
            return applySignIn(&state, action)

        case .reloaded(let reload):
            return applyReload(&state, reload)

        case .traffic(let event):
            return landTraffic(&state, event)

        case .variantPlanned(let result):
            return landVariantPlan(&state, result)

        case .credentialsSwitched(let request, let result):
            return landCredentials(&state, request, result)
        }
    }

    // MARK: - Helpers

    /// Watch mode: moves to the next page when the rotation interval has passed.
    func rotateIfDue(_ state: inout ConsoleState) {
        guard state.options.isWatch, let every = state.options.rotate, state.options.pages.count > 1,
            state.overlay == nil
        else { return }
        guard state.now.timeIntervalSince(state.lastRotation) >= every.timeInterval else { return }
        let pages = state.options.pages
        // An incident holds the wall on the dashboard: rotation must not hide a critical endpoint. (Without a
        // dashboard page, the other pages carry a banner naming it.)
        if pages.contains(.dashboard), !TroubleSummary(state).critical.isEmpty {
            state.stack = [.dashboard]
            state.lastRotation = state.now
            return
        }
        let index = pages.firstIndex(of: state.screen.tab) ?? -1
        state.stack = [ConsoleScreen.root(of: pages[(index + 1) % pages.count])]
        state.lastRotation = state.now
    }
}
