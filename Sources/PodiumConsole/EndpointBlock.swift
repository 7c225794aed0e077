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
        let first = area.row(0)
        if selected { buffer.fill(first, style: theme.style(.selectionFocused)) }
        func style(_ role: ThemeRole) -> CellStyle { selected ? theme.style(.selectionFocused) : theme.style(role) }

        var line = LineWriter(area, line: 0)
        line.write(selected ? g.selectionMarker : " ", style(.text), into: &buffer)
        line.write(row.spec.name, style(.textStrong), into: &buffer)
        guard let health else {
            line.write("  loading…", style(.textDim), into: &buffer)
            return
        }
        let deployment = health.deployment
        let status = deployment.exists ? (deployment.status ?? "unknown") : "not deployed"
        let troubled = health.level == .warn || health.level == .critical
        // On one line an endpoint in trouble puts its badge and reasons before its status: they matter more.
        let statusLater = area.height == 1 && troubled
        if !statusLater {
            line.write("  ", style(.text), into: &buffer)
            line.write(status, style(EndpointBlock.statusRole(deployment)), into: &buffer)
        }
        line.write("  ", style(.text), into: &buffer)
        line.write(
            " \(EndpointBlock.badge(health.level)) ", theme.style(EndpointBlock.healthRole(health.level)), into: &buffer
        )
        if area.height >= 5 {
            renderTall(health, into: &buffer, area: area, theme: theme)
            return
        }
        let recent = health.metrics.recent
        let thresholds = row.environment.thresholds
        if area.height == 1 {
            // One line: for an endpoint in trouble its reasons come first (whole, worst first, then `+N`);
            // then the version and the two numbers that decide most incidents, each whole or not at all.
            if statusLater {
                line.writeWhole([(" ", style(.text))], into: &buffer)
                writeReasons(health, into: &line, buffer: &buffer, theme: theme, trailingSpace: false)
                line.writeWhole(
                    [("  ", style(.text)), (status, style(EndpointBlock.statusRole(deployment)))], into: &buffer)
            }
            line.writeWhole([("  " + deployment.versionLabel, style(.text))], into: &buffer)
            line.writeWhole([("  ", style(.text))], into: &buffer)
            writeMetric(
                "5xx ", ConsoleFormat.percent(recent.error5xxPercent),
                ValueVerdict.level(recent.error5xxPercent, thresholds.error5xxPercent), into: &line, buffer: &buffer,
                theme: theme, base: selected ? .selectionFocused : nil)
            writeMetric(
                " p99 ", ConsoleFormat.milliseconds(recent.latencyP99Ms),
                ValueVerdict.level(recent.latencyP99Ms, thresholds.latencyP99Ms), into: &line, buffer: &buffer,
                theme: theme, base: selected ? .selectionFocused : nil)
            return
        }
        line.write("  ", style(.text), into: &buffer)
        line.write(deployment.versionLabel, style(.text), into: &buffer)

        // Line 2: traffic and errors.
        var metrics = LineWriter(area, line: 1, indent: 3)
        writeTraffic(health, into: &metrics, buffer: &buffer, theme: theme, sparkMax: 30, reserved: 66)
        metrics.writeWhole([("  ", theme.style(.text))], into: &buffer)
        writeLatency(health, into: &metrics, buffer: &buffer, theme: theme)
        guard area.height >= 3 else { return }

        // Line 3: instances, alarms, reason or deployment progress.
        var details = LineWriter(area, line: 2, indent: 3)
        if deployment.exists {
            let type = deployment.instanceType ?? row.spec.instanceType
            let count = deployment.instanceCount ?? row.spec.instanceCount
            details.writeWhole([("\(type)×\(count)  ", theme.style(.textDim))], into: &buffer)
        }
        writeDetails(health, into: &details, buffer: &buffer, theme: theme)
    }

    // MARK: - Tall layout (narrow columns with room to spare)

    /// Five lines: name/status/health; version and instances; traffic and errors; latency and resources;
    /// alarms, reason or deployment progress.
    func renderTall(_ health: EndpointHealth, into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let deployment = health.deployment
        var second = LineWriter(area, line: 1, indent: 3)
        second.write(deployment.versionLabel, .text, theme: theme, into: &buffer)
        if deployment.exists {
            // A missing endpoint has no instances: the configured type would read as if it ran.
            let type = deployment.instanceType ?? row.spec.instanceType
            let count = deployment.instanceCount ?? row.spec.instanceCount
            second.writeWhole([("  \(type)×\(count)", theme.style(.textDim))], into: &buffer)
        }

        var traffic = LineWriter(area, line: 2, indent: 3)
        writeTraffic(health, into: &traffic, buffer: &buffer, theme: theme, sparkMax: 24, reserved: 36)

        var latency = LineWriter(area, line: 3, indent: 3)
        writeLatency(health, into: &latency, buffer: &buffer, theme: theme)

        var details = LineWriter(area, line: 4, indent: 3)
        writeDetails(health, into: &details, buffer: &buffer, theme: theme)
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
        switch deployment.status ?? "" {
        case "InService": return .healthOK
        case "Failed", "RollingBack", "UpdateRollbackFailed": return .statusFailed
        case "Creating", "Updating", "SystemUpdating": return .statusRunning
        default: return .healthUnknown
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
