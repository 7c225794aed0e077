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
            buffer.set(Line("no environments configured", .textDim), x: area.x + 1, y: area.y, theme: theme)
            return
        }
        var area = area
        if let selected, let strip = ReasonStrip(row: rows[selected], width: area.width), area.height >= 12 {
            // The selected endpoint's every reason, below the panels (the blocks show what fits, then `+N`).
            let height = strip.lines.count
            strip.render(
                into: &buffer, area: Rect(x: area.x, y: area.maxY - height, width: area.width, height: height),
                theme: theme)
            area = Rect(x: area.x, y: area.y, width: area.width, height: area.height - height)
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
                // Variant rows (issue 15) come out of the room first: they show only from two lines up.
                let variantLines = entry.rows.reduce(0) { $0 + VariantRows.count($1.row.health) }
                var level = max(1, min(most, (column.height - 2 - variantLines) / max(1, entry.rows.count)))
                if level == 4 { level = 3 }
                renderEnvironment(
                    entry.env, rows: entry.rows, selected: selected, level: level, into: &buffer, area: column,
                    theme: theme)
            }
            return
        }
        // Stacked: the most detail that fits; otherwise one line per endpoint, scrolled to the selection.
        func height(_ entry: (env: EnvironmentConfig, rows: [(index: Int, row: DashboardRow)]), _ level: Int) -> Int {
            2 + max(1, entry.rows.count * level + variantLines(entry.rows.map(\.row), level: level))
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
        var hidden = Array(grouped[..<first].map(\.env.name))
        for entry in grouped[first...] {
            let full = height(entry, level)
            // A panel that would show only its border is not drawn: it is listed as hidden instead.
            guard y < area.maxY, area.maxY - y >= min(full, 3) else {
                hidden.append(entry.env.name)
                continue
            }
            let h = min(full, area.maxY - y)
            renderEnvironment(
                entry.env, rows: entry.rows, selected: selected, level: level, into: &buffer,
                area: Rect(x: area.x, y: y, width: area.width, height: h), theme: theme)
            y += h
        }
        if !hidden.isEmpty { markHidden(hidden, into: &buffer, area: area, theme: theme) }
    }

    /// Writes `more: prod ↓ 1 CRIT` on the bottom row when whole environments do not fit: nothing may vanish
    /// silently, least of all a critical endpoint.
    func markHidden(_ names: [String], into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard area.height > 0 else { return }
        var parts: [String] = []
        var worst = HealthLevel.ok
        for name in names {
            let endpoints = state.health[name]?.value?.endpoints ?? []
            let critical = endpoints.filter { $0.level == .critical }.count
            let warning = endpoints.filter { $0.level == .warn }.count
            var part = name
            if critical > 0 { part += " \(critical) CRIT" }
            if warning > 0 { part += " \(warning) WARN" }
            parts.append(part)
            worst = max(worst, critical > 0 ? .critical : warning > 0 ? .warn : .ok)
        }
        let text = " \(theme.glyphs.arrowDown) not shown: \(parts.joined(separator: " · ")) (h/l) "
        let role: ThemeRole = worst == .ok ? .badge : EndpointBlock.healthRole(worst)
        let width = min(area.width, TextLayout.width(text))
        buffer.set(
            Line(text, role), x: area.maxX - width, y: area.maxY - 1,
            clip: Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1), theme: theme)
    }

    // MARK: - One environment

    func renderEnvironment(
        _ env: EnvironmentConfig, rows: [(index: Int, row: DashboardRow)], selected: Int?, level: Int,
        into buffer: inout FrameBuffer, area: Rect, theme: Theme
    ) {
        // An environment that names a theme (production, say) is drawn in it.
        let theme = state.environmentThemes[env.name] ?? theme
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
        // A `:profile` switch is named first, where even a narrow panel's title shows it.
        let switched = state.profiles.switched[env.name].map { "[\($0.credentials.summary)] " } ?? ""
        let title =
            "\(env.name) \(switched)\(account) \(env.region) · \(credentialSummary(env, state))"
            + " \(credentialMark)\(readOnly)"
        let hasSelection = rows.contains { $0.index == selected }
        Panel(title: title, trailing: status.text, trailingRole: status.role, focused: hasSelection).render(
            into: &buffer, area: area, theme: theme)
        if area.width > 6 {
            // The environment name in its accent colour.
            let name = Span(env.name, style: TitleBar.badgeStyle(theme: theme, accentColor: env.accent))
            buffer.set(
                Line([name]), x: area.x + 3, y: area.y,
                clip: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1),
                theme: theme)
        }
        let inner = Panel.inner(area)
        guard !inner.isEmpty else { return }
        if rows.isEmpty {
            let text = env.endpoints.isEmpty ? "no endpoints configured" : "no endpoint matches the filter"
            buffer.set(Line(text, .textDim), in: inner, indent: 1, theme: theme)
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
        var drawn = 0
        for entry in rows[firstRow...] where y < inner.maxY {
            let block = Rect(x: inner.x, y: y, width: inner.width, height: min(perRow, inner.maxY - y))
            EndpointBlock(row: entry.row, selected: entry.index == selected, now: state.now, tick: state.tickCount)
                .render(into: &buffer, area: block, theme: theme)
            let top = y
            y += perRow
            let variants = variantLines([entry.row], level: level)
            if variants > 0, let health = entry.row.health, y < inner.maxY {
                VariantRows(health: health, thresholds: entry.row.environment.thresholds, now: state.now).render(
                    into: &buffer,
                    area: Rect(x: inner.x, y: y, width: inner.width, height: min(variants, inner.maxY - y)),
                    theme: theme)
                y += variants
            }
            // The endpoint's lines and its variant rows: a click anywhere on them selects the endpoint.
            buffer.recordHit(
                ConsoleHitTarget.row(list: ConsoleScreen.dashboard.listKey, index: entry.index),
                in: Rect(x: inner.x, y: top, width: inner.width, height: min(y, inner.maxY) - top))
            drawn += 1
        }
        // Endpoints scrolled out of the panel are counted on its bottom border, with their worst health.
        let hiddenRows = Array(rows[..<firstRow]) + Array(rows[min(rows.count, firstRow + drawn)...])
        if !hiddenRows.isEmpty && area.height >= 2 {
            let levels = hiddenRows.compactMap { $0.row.health?.level }
            let critical = levels.filter { $0 == .critical }.count
            let warning = levels.filter { $0 == .warn }.count
            var text = " +\(hiddenRows.count) more"
            if critical > 0 { text += " \(critical) CRIT" }
            if warning > 0 { text += " \(warning) WARN" }
            text += " "
            let role: ThemeRole = critical > 0 ? .healthCritical : warning > 0 ? .healthWarn : .textDim
            let width = min(area.width - 2, TextLayout.width(text))
            buffer.set(
                Line(text, role), x: area.maxX - 2 - width, y: area.maxY - 1,
                clip: Rect(x: area.x + 1, y: area.maxY - 1, width: max(0, area.width - 2), height: 1), theme: theme)
        }
    }

    /// The variant rows under these endpoints: none on the one-line layout, which has no room for them.
    func variantLines(_ rows: [DashboardRow], level: Int) -> Int {
        level < 2 ? 0 : rows.reduce(0) { $0 + VariantRows.count($1.health) }
    }

    func credentialSummary(_ env: EnvironmentConfig, _ state: ConsoleState) -> String {
        if state.profiles.switched[env.name] != nil { return "switched from " + configuredSummary(env) }
        return configuredSummary(env)
    }

    /// The config's `credentials:` in a few words.
    func configuredSummary(_ env: EnvironmentConfig) -> String {
        if let role = env.credentials.roleArn { return role.split(separator: "/").last.map(String.init) ?? role }
        if let profile = env.credentials.profile { return "profile " + profile }
        return "default chain"
    }
}
