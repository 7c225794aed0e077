import Foundation
import PodiumCore
import TerminalUI

/// The environments dashboard: one panel per environment in promotion order (side by side when wide,
/// stacked when narrow), each endpoint with its version, status, health, traffic, errors, latency,
/// CPU/memory, alarms and instances.
struct DashboardView {
    let state: ConsoleState

    /// The narrowest environment column of the side-by-side layout.
    static let minimumColumnWidth = 48

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let rows = state.dashboardRows
        let selected = rows.isEmpty ? nil : min(state.cursor(ConsoleScreen.dashboard.listKey), rows.count - 1)
        let envs = state.config.environments.filter {
            state.focusedEnvironment == nil || state.focusedEnvironment == $0.name
        }
        guard !envs.isEmpty else {
            buffer.write("no environments configured", x: area.x + 1, y: area.y, style: theme.style(.textDim))
            return
        }
        // Rows per environment, keeping their global index (the cursor).
        let grouped: [(env: EnvironmentConfig, rows: [(index: Int, row: DashboardRow)])] = envs.map { env in
            (env, rows.enumerated().filter { $0.element.environment.name == env.name }.map { ($0.offset, $0.element) })
        }
        if envs.count > 1 && area.width >= DashboardView.minimumColumnWidth * envs.count {
            let columns = Layout.columns(area, Array(repeating: .flex(1), count: envs.count))
            for (column, entry) in zip(columns, grouped) {
                // Narrow columns get the five-line layout when there is room for it.
                let most = column.width < 90 ? 5 : 3
                var level = max(1, min(most, (column.height - 2) / max(1, entry.rows.count)))
                if level == 4 { level = 3 }
                renderEnvironment(
                    entry.env, rows: entry.rows, selected: selected, level: level, into: &buffer, area: column,
                    theme: theme)
            }
            return
        }
        // Stacked: the most detail that fits; otherwise one line per endpoint, scrolled to the selection.
        func height(_ entry: (env: EnvironmentConfig, rows: [(index: Int, row: DashboardRow)]), _ level: Int) -> Int {
            2 + max(1, entry.rows.count * level)
        }
        var level = 1
        for candidate in [3, 2] where grouped.reduce(0, { $0 + height($1, candidate) }) <= area.height {
            level = candidate
            break
        }
        var first = 0
        if let selected, let selectedEnv = grouped.firstIndex(where: { $0.rows.contains { $0.index == selected } }) {
            var used = 0
            var start = selectedEnv
            while start >= 0, used + height(grouped[start], level) <= area.height {
                used += height(grouped[start], level)
                start -= 1
            }
            first = min(selectedEnv, start + 1)
        }
        var y = area.y
        for entry in grouped[first...] where y < area.maxY {
            let h = min(height(entry, level), area.maxY - y)
            renderEnvironment(
                entry.env, rows: entry.rows, selected: selected, level: level, into: &buffer,
                area: Rect(x: area.x, y: y, width: area.width, height: h), theme: theme)
            y += h
        }
    }

    // MARK: - One environment

    func renderEnvironment(
        _ env: EnvironmentConfig, rows: [(index: Int, row: DashboardRow)], selected: Int?, level: Int,
        into buffer: inout FrameBuffer, area: Rect, theme: Theme
    ) {
        let loadable = state.health[env.name] ?? Loadable()
        let status = PanelStatusText.make(
            loadable.status(now: state.now, interval: state.healthInterval), now: state.now)
        let account = env.accountHint ?? "default account"
        let credentialMark: String
        if loadable.isFailing {
            credentialMark = theme.glyphs.cross
        } else if loadable.value != nil {
            credentialMark = theme.glyphs.check
        } else {
            credentialMark = "…"
        }
        let readOnly = state.isReadOnly(environment: env.name) && !state.isReadOnly ? " · READ-ONLY" : ""
        let title = "\(env.name) \(account) \(env.region) · \(credentialSummary(env)) \(credentialMark)\(readOnly)"
        let hasSelection = rows.contains { $0.index == selected }
        Panel(title: title, trailing: status.text, trailingRole: status.role, focused: hasSelection).render(
            into: &buffer, area: area, theme: theme)
        if area.width > 6 {
            // The environment name in its accent colour.
            buffer.write(
                env.name, x: area.x + 3, y: area.y, style: TitleBar.badgeStyle(theme: theme, accentColor: env.accent),
                clip: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1))
        }
        let inner = Panel.inner(area)
        guard !inner.isEmpty else { return }
        if rows.isEmpty {
            let text = env.endpoints.isEmpty ? "no endpoints configured" : "no endpoint matches the filter"
            buffer.write(text, x: inner.x + 1, y: inner.y, style: theme.style(.textDim), clip: inner)
            return
        }
        // Keep the selection visible when not every endpoint fits.
        let perRow = level
        let visibleCount = max(1, inner.height / perRow)
        var firstRow = 0
        if let selected, let position = rows.firstIndex(where: { $0.index == selected }), position >= visibleCount {
            firstRow = position - visibleCount + 1
        }
        var y = inner.y
        for entry in rows[firstRow...] where y < inner.maxY {
            let block = Rect(x: inner.x, y: y, width: inner.width, height: min(perRow, inner.maxY - y))
            EndpointBlock(row: entry.row, selected: entry.index == selected, now: state.now, tick: state.tickCount)
                .render(into: &buffer, area: block, theme: theme)
            y += perRow
        }
    }

    func credentialSummary(_ env: EnvironmentConfig) -> String {
        if let role = env.credentials.roleArn { return role.split(separator: "/").last.map(String.init) ?? role }
        if let profile = env.credentials.profile { return "profile " + profile }
        return "default chain"
    }
}
