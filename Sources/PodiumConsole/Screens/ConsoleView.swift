import Foundation
import PodiumCore
import TerminalUI

/// Draws the whole console from the state: title bar and tabs, the screen, status bar, help bar,
/// then toasts and the open overlay. Pure: the same state always gives the same frame.
public struct ConsoleView {
    /// The state to draw.
    public let state: ConsoleState

    /// Creates the view.
    public init(state: ConsoleState) { self.state = state }

    /// Draws into the whole frame and places the cursor for an open line editor.
    public func render(into frame: inout FrameBuffer, cursor: inout CursorPosition?) {
        let theme = state.theme
        let area = frame.bounds
        frame.fill(area, style: theme.style(.text))
        guard area.height >= 4 else { return }
        let isWatch = state.options.isWatch
        renderTitle(into: &frame, row: area.row(0), theme: theme)
        renderTabs(into: &frame, row: area.row(1), theme: theme)
        var body = Rect(x: 0, y: 2, width: area.width, height: area.height - 4)
        if state.allSourcesFailing {
            let bannerHeight = isWatch && area.height >= 30 ? 3 : 1
            Banner(noConnectionText, role: .bannerError).render(
                into: &frame, area: Rect(x: 0, y: body.y, width: area.width, height: bannerHeight), theme: theme)
            body = body.inset(top: bannerHeight)
        }
        if isWatch, state.screen.tab != .dashboard, let text = criticalBannerText {
            Banner(text, role: .bannerError).render(
                into: &frame, area: Rect(x: 0, y: body.y, width: area.width, height: 1), theme: theme)
            body = body.inset(top: 1)
        }
        if isWatch && WatchHeadline.fits(body) {
            let band = Rect(x: body.x, y: body.y, width: body.width, height: WatchHeadline.height)
            WatchHeadline(state: state).render(into: &frame, area: band, theme: theme)
            body = body.inset(top: WatchHeadline.height)
        }
        // The wheel scrolls the screen anywhere over its body; rows record themselves on top of this.
        frame.recordHit(ConsoleHitTarget.body(list: state.screen.listKey), in: body)
        renderScreen(into: &frame, area: body, theme: theme)
        renderStatusBar(into: &frame, row: area.row(area.height - 2), theme: theme)
        if isWatch {
            renderWatchFooter(into: &frame, row: area.row(area.height - 1), theme: theme)
        } else {
            HelpBar(keyMap: helpBarKeyMap, scope: state.screen.scope).render(
                into: &frame, area: area.row(area.height - 1), theme: theme)
        }
        let visibleToasts = state.toasts.visible(at: state.now.timeIntervalSince1970)
        if !visibleToasts.isEmpty {
            let toastArea = Rect(x: 0, y: body.y, width: area.width, height: max(0, area.height - 2 - body.y))
            ToastView(toasts: visibleToasts, maxWidth: min(90, area.width)).render(
                into: &frame, area: toastArea, theme: theme)
        }
        if let run = state.deployment, !run.hidden {
            DeploymentPaneView(run: run, now: state.now, tick: state.tickCount).render(
                into: &frame, area: body, theme: theme)
            frame.recordHit(ConsoleHitTarget.pane, in: body)
        }
        if let overlay = state.overlay {
            // An open overlay takes the keys, and the mouse too: nothing beneath it can be clicked (what the overlay
            // itself records, the picker's targets, comes after and wins).
            frame.recordHit(ConsoleHitTarget.pane, in: area)
            OverlayView(state: state, overlay: overlay).render(into: &frame, area: area, theme: theme, cursor: &cursor)
        }
    }

    /// `NO CONNECTION — every source is failing (last success 12:03:04); retrying every 15s` when AWS cannot be
    /// reached; `EVERY SOURCE IS FAILING — …` when it answers, but with errors (a 503, an unreadable body), or no credentials could be had (an expired SSO session): the
    /// connection is not to blame then, and the status line names the error.
    var noConnectionText: String {
        let successes = state.health.values.compactMap(\.lastSuccess) + [state.groups.lastSuccess].compactMap { $0 }
        let last = successes.max().map { " (last data \(ConsoleFormat.clock($0)))" } ?? ""
        let headline =
            state.allSourcesUnreachable
            ? "NO CONNECTION — every source is failing"
            : "EVERY SOURCE IS FAILING — not the connection: the status line names the error"
        return headline + "\(last); retrying every " + DurationFormat.format(state.healthInterval)
    }

    // MARK: - Bars

    func renderTitle(into frame: inout FrameBuffer, row: Rect, theme: Theme) {
        var crumbs = [state.screen.tab.title]
        switch state.screen {
        case .versions(let group): crumbs.append(group)
        case .detail(let key):
            crumbs.append(key.group)
            crumbs.append("v\(key.version)")
        default: break
        }
        if state.screen == .dashboard, let env = state.focusedEnvironment { crumbs.append(env) }
        let accent = state.focusedEnvironment.flatMap { state.config.environment(named: $0)?.accent }
        TitleBar(
            title: state.options.isWatch ? "Podium watch" : "Podium", breadcrumbs: crumbs,
            environment: state.screen == .dashboard ? state.focusedEnvironment : nil, accentColor: accent,
            trailing: ConsoleFormat.clock(state.now)
        ).render(into: &frame, area: row, theme: theme)
    }

    func renderTabs(into frame: inout FrameBuffer, row: Rect, theme: Theme) {
        frame.fill(row, style: theme.style(.text))
        var tabsLine = Line()
        let tabs = state.options.isWatch ? state.options.pages : ConsoleTab.allCases
        for tab in tabs {
            let number = (ConsoleTab.allCases.firstIndex(of: tab) ?? 0) + 1
            var label = state.options.isWatch ? " \(tab.title) " : " \(number) \(tab.title) "
            if tab == .pending, let count = state.pending.value?.count { label = label.dropLast() + " (\(count)) " }
            let labelX = row.x + 1 + tabsLine.width
            tabsLine.append(label, tab == state.screen.tab ? .selectionFocused : .textDim)
            frame.recordHit(
                ConsoleHitTarget.tab(tab),
                in: Rect(x: labelX, y: row.y, width: tabsLine.width + row.x + 1 - labelX, height: 1).intersection(row))
            tabsLine.append(.gap(1))
        }
        frame.set(tabsLine, in: row, indent: 1, theme: theme)
        let end = row.x + 1 + tabsLine.width
        renderTroubleCount(into: &frame, row: row, after: end, theme: theme)
        if !state.currentFilter.isEmpty {
            // Drawn after the counts, as before: a long filter wins over them.
            let filter = Line([.gap(1), Span("filter: ", .textDim), Span(state.currentFilter, .match)])
            frame.set(filter, x: end, y: row.y, clip: row, theme: theme)
        }
    }

    func renderStatusBar(into frame: inout FrameBuffer, row: Rect, theme: Theme) {
        var left: [StatusSegment] = []
        // Badges first: they must survive a narrow terminal. The trouble counts come first of all when the tab
        // strip had no room for them.
        if troubleInStatusBar {
            let trouble = TroubleSummary(state)
            if !trouble.critical.isEmpty {
                left.append(.badge("\(theme.glyphs.cross)\(trouble.critical.count) CRIT", role: .healthCritical))
            }
            if !trouble.warning.isEmpty {
                left.append(.badge("\(trouble.warning.count) WARN", role: .healthWarn))
            }
        }
        if state.isReadOnly {
            left.append(.badge("READ-ONLY", role: .badgeReadOnly))
        }
        if state.options.isWatch {
            left.append(.badge("WATCH", role: .badge))
        }
        if let run = state.deployment, run.isRunning {
            let status = run.progress?.status?.description ?? run.progress?.phase.rawValue ?? "starting"
            left.append(
                .badge(
                    "\(theme.glyphs.spinnerFrame(tick: state.tickCount)) \(run.label) \(status) "
                        + ConsoleFormat.elapsed(run.elapsed(now: state.now)), role: .statusRunning))
        }
        switch state.identity.status(now: state.now, interval: state.healthInterval) {
        case .loading: left.append(StatusSegment("identity…"))
        case .error where state.identity.value == nil:
            left.append(StatusSegment("identity unknown", role: .statusBarError))
        default:
            if let identity = state.identity.value {
                left.append(StatusSegment(ConsoleFormat.identity(arn: identity.arn, account: identity.account)))
            }
        }
        if let error = state.lastError {
            left.append(
                StatusSegment(
                    "\(theme.glyphs.cross) \(error.message) (\(ConsoleFormat.age(of: error.at, now: state.now)) ago)",
                    role: .statusBarError))
        }
        var right: [StatusSegment] = []
        for env in state.config.environments {
            right.append(sourceSegment(env.name, state.health[env.name] ?? Loadable(), state.healthInterval))
        }
        right.append(sourceSegment("registry", state.groups, state.registryInterval))
        StatusBar(left: left, right: right).render(into: &frame, area: row, theme: theme)
    }

    func sourceSegment<T>(_ name: String, _ loadable: Loadable<T>, _ interval: Duration) -> StatusSegment {
        switch loadable.status(now: state.now, interval: interval) {
        case .loading: return StatusSegment("\(name) …")
        case .fresh(let at): return StatusSegment("\(name) \(ConsoleFormat.age(of: at, now: state.now))")
        case .stale(let since): return StatusSegment("\(name) STALE \(ConsoleFormat.clock(since))", role: .badgeStale)
        case .error(_, let at, let since):
            if let since { return StatusSegment("\(name) STALE \(ConsoleFormat.clock(since))", role: .badgeStale) }
            return StatusSegment(
                "\(name) err \(ConsoleFormat.age(of: at, now: state.now))", role: .statusBarError)
        }
    }

    func renderWatchFooter(into frame: inout FrameBuffer, row: Rect, theme: Theme) {
        frame.fill(row, style: theme.style(.helpDesc))
        var text = "read-only wall screen · refresh every \(DurationFormat.format(state.healthInterval))"
        if let rotate = state.options.rotate, state.options.pages.count > 1 {
            let left = max(0, rotate.timeInterval - state.now.timeIntervalSince(state.lastRotation))
            text += " · next page in \(Int(left.rounded(.up)))s"
        }
        text += " · " + state.watchFooterKeys(glyphs: theme.glyphs)
        frame.set(Line(text, .helpDesc), in: row, indent: 1, theme: theme)
    }

    // MARK: - Screens

    func renderScreen(into frame: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        switch state.screen {
        case .dashboard:
            DashboardView(state: state).render(into: &frame, area: area, theme: theme)
        case .groups:
            RegistryView(state: state).renderGroups(into: &frame, area: area, theme: theme)
        case .versions(let group):
            RegistryView(state: state).renderVersions(group, into: &frame, area: area, theme: theme)
        case .detail(let key):
            VersionDetailView(state: state, key: key).render(into: &frame, area: area, theme: theme)
        case .pending:
            PendingView(state: state).render(into: &frame, area: area, theme: theme)
        case .activity:
            ActivityView(state: state).render(into: &frame, area: area, theme: theme)
        case .pipeline:
            PipelineView(
                ledger: state.pipeline.value?.ledger, machinery: state.pipeline.value?.machinery, now: state.now,
                selected: PipelineScreen(state).list.cursor, scroll: state.scrolls[ConsoleScreen.pipeline.listKey] ?? 0
            ).render(into: &frame, area: area, theme: theme)
        case .logs(let environment, let endpoint):
            let feed = state.logFeed ?? LogFeed(environment: environment, endpoint: endpoint)
            LogView(
                endpoint: endpoint, environment: environment, buffer: feed.buffer, filter: state.currentFilter,
                scrollBack: feed.scrollBack, unseen: feed.unseen,
                problem: feed.buffer.lines.isEmpty ? feed.poll.error : nil
            ).render(into: &frame, area: area, theme: theme)
        }
    }
}
