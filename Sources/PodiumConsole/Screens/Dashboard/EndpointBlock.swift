import Foundation
import PodiumCore
import TerminalUI

/// One endpoint on the dashboard, in 1 to 3 lines depending on the room.
///
/// Line 1: name, status, health badge, deployed version (and, on one line, the 5xx rate and p99).
/// Line 2: invocations/min sparkline, 4xx and 5xx rates, latency avg and p99, CPU and memory.
/// Line 3: instance type × count, alarms, the health reason — or the deployment's progress while Updating.
struct EndpointBlock {
    let row: DashboardRow
    let selected: Bool
    let now: Date
    let tick: Int

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let g = theme.glyphs
        let health = row.health
        if selected { buffer.fill(area.row(0), style: theme.style(.selectionFocused)) }
        // On the selection bar every piece takes the bar's role, except the badge and troubled values.
        func role(_ role: ThemeRole) -> ThemeRole { selected ? .selectionFocused : role }

        var line = Line(limit: area.width)
        line.append(selected ? g.selectionMarker : " ", role(.text))
        line.append(row.spec.name, role(.textStrong))
        guard let health else {
            line.append("  loading…", role(.textDim))
            buffer.set(line, in: area, theme: theme)
            return
        }
        let deployment = health.deployment
        let status = deployment.exists ? (deployment.status?.rawValue ?? "unknown") : "not deployed"
        let troubled = health.level == .warn || health.level == .critical
        // On one line an endpoint in trouble puts its badge and reasons before its status: they matter more.
        let statusLater = area.height == 1 && troubled
        if !statusLater {
            line.append("  ", role(.text))
            line.append(status, role(EndpointBlock.statusRole(deployment)))
        }
        line.append("  ", role(.text))
        line.append(" \(EndpointBlock.badge(health.level)) ", EndpointBlock.healthRole(health.level))
        if area.height >= 5 {
            buffer.set(line, in: area, theme: theme)
            renderTall(health, into: &buffer, area: area, theme: theme)
            return
        }
        let recent = health.metrics.recent
        let thresholds = row.environment.thresholds
        if area.height == 1 {
            // One line: for an endpoint in trouble its reasons come first (whole, worst first, then `+N`);
            // then the version and the two numbers that decide most incidents, each whole or not at all.
            if statusLater {
                line.appendWhole([Span(" ", role(.text))])
                appendReasons(health, to: &line, trailingSpace: false)
                line.appendWhole([Span("  ", role(.text)), Span(status, role(EndpointBlock.statusRole(deployment)))])
            }
            line.appendWhole([Span("  " + deployment.versionLabel, role(.text))])
            line.appendWhole([Span("  ", role(.text))])
            appendMetric(
                "5xx ", ConsoleFormat.percent(recent.error5xxPercent),
                ValueVerdict.level(recent.error5xxPercent, thresholds.error5xxPercent), to: &line, theme: theme,
                base: selected ? .selectionFocused : nil)
            appendMetric(
                " p99 ", ConsoleFormat.milliseconds(recent.latencyP99Ms),
                ValueVerdict.level(recent.latencyP99Ms, thresholds.latencyP99Ms), to: &line, theme: theme,
                base: selected ? .selectionFocused : nil)
            buffer.set(line, in: area, theme: theme)
            return
        }
        line.append("  ", role(.text))
        line.append(deployment.versionLabel, role(.text))
        buffer.set(line, in: area, theme: theme)

        // Line 2: traffic and errors.
        var metrics = Line(limit: area.width - EndpointBlock.indent)
        let spark = appendTraffic(health, to: &metrics, areaWidth: area.width, theme: theme, sparkMax: 30, reserved: 66)
        metrics.appendWhole([Span("  ")])
        appendLatency(health, to: &metrics, theme: theme)
        draw(metrics, spark: spark, row: 1, into: &buffer, area: area, theme: theme)
        guard area.height >= 3 else { return }

        // Line 3: instances, alarms, reason or deployment progress.
        var details = Line(limit: area.width - EndpointBlock.indent)
        if deployment.exists {
            details.appendWhole([Span("\(capacityLabel(deployment))  ", .textDim)])
        }
        appendDetails(health, to: &details, theme: theme)
        buffer.set(details, in: area, row: 2, indent: EndpointBlock.indent, theme: theme)
    }

    // MARK: - Tall layout (narrow columns with room to spare)

    /// Five lines: name/status/health; version and instances; traffic and errors; latency and resources;
    /// alarms, reason or deployment progress.
    func renderTall(_ health: EndpointHealth, into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let deployment = health.deployment
        let width = area.width - EndpointBlock.indent
        var second = Line(limit: width)
        second.append(deployment.versionLabel)
        if deployment.exists {
            // A missing endpoint has no instances: the configured type would read as if it ran.
            second.appendWhole([Span("  \(capacityLabel(deployment))", .textDim)])
        }
        buffer.set(second, in: area, row: 1, indent: EndpointBlock.indent, theme: theme)

        var traffic = Line(limit: width)
        let spark = appendTraffic(health, to: &traffic, areaWidth: area.width, theme: theme, sparkMax: 24, reserved: 36)
        draw(traffic, spark: spark, row: 2, into: &buffer, area: area, theme: theme)

        var latency = Line(limit: width)
        appendLatency(health, to: &latency, theme: theme)
        buffer.set(latency, in: area, row: 3, indent: EndpointBlock.indent, theme: theme)

        var details = Line(limit: width)
        appendDetails(health, to: &details, theme: theme)
        buffer.set(details, in: area, row: 4, indent: EndpointBlock.indent, theme: theme)
    }

    /// Columns before the second and later lines (under the name, past the selection marker).
    static let indent = 3

    /// Writes an indented line and, in the gap left for it, its sparkline.
    private func draw(
        _ line: Line, spark: SparkSlot?, row: Int, into buffer: inout FrameBuffer, area: Rect, theme: Theme
    ) {
        buffer.set(line, in: area, row: row, indent: EndpointBlock.indent, theme: theme)
        guard let spark, area.height > row else { return }
        spark.sparkline.render(
            into: &buffer,
            area: Rect(x: area.x + EndpointBlock.indent + spark.column, y: area.y + row, width: spark.width, height: 1),
            theme: theme)
    }

    // MARK: - Roles and labels

    static func badge(_ level: HealthLevel) -> String {
        switch level {
        case .ok: return "OK"
        case .warn: return "WARN"
        case .critical: return "CRIT"
        case .unknown: return "NO DATA"
        }
    }

    static func healthRole(_ level: HealthLevel) -> ThemeRole {
        switch level {
        case .ok: return .healthOK
        case .warn: return .healthWarn
        case .critical: return .healthCritical
        case .unknown: return .healthUnknown
        }
    }

    static func statusRole(_ deployment: EndpointDeployment) -> ThemeRole {
        guard deployment.exists else { return .textDim }
        switch deployment.status {
        case .inService: return .healthOK
        case .failed, .rollingBack, .updateRollbackFailed: return .statusFailed
        case .creating, .updating, .systemUpdating: return .statusRunning
        case .outOfService, .deleting, .other, nil: return .healthUnknown
        }
    }

    static func alarmRole(_ state: String) -> ThemeRole {
        switch state {
        case "OK": return .healthOK
        case "ALARM": return .healthCritical
        default: return .healthUnknown
        }
    }

    /// `churn-prod-5xx` on `churn-prod` → `5xx`.
    static func shortAlarmName(_ name: String, endpoint: String) -> String {
        name.hasPrefix(endpoint + "-") ? String(name.dropFirst(endpoint.count + 1)) : name
    }
}
