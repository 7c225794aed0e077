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
        line.write("  ", style(.text), into: &buffer)
        line.write(status, style(EndpointBlock.statusRole(deployment)), into: &buffer)
        line.write("  ", style(.text), into: &buffer)
        line.write(
            " \(EndpointBlock.badge(health.level)) ", theme.style(EndpointBlock.healthRole(health.level)), into: &buffer
        )
        if area.height >= 5 {
            renderTall(health, into: &buffer, area: area, theme: theme)
            return
        }
        line.write("  ", style(.text), into: &buffer)
        line.write(deployment.versionLabel, style(.text), into: &buffer)
        let recent = health.metrics.recent
        if area.height == 1 {
            line.write(
                "  5xx \(ConsoleFormat.percent(recent.error5xxPercent))  p99 \(ConsoleFormat.milliseconds(recent.latencyP99Ms))",
                style(.textDim), into: &buffer)
            if let reason = health.reasons.first {
                line.write("  " + reason, style(EndpointBlock.healthRole(health.level)), into: &buffer)
            }
            return
        }

        // Line 2: traffic and errors.
        var metrics = LineWriter(area, line: 1, indent: 3)
        writeTraffic(health, into: &metrics, buffer: &buffer, theme: theme, sparkMax: 30, reserved: 66)
        metrics.write("  ", .text, theme: theme, into: &buffer)
        writeLatency(health, into: &metrics, buffer: &buffer, theme: theme)
        guard area.height >= 3 else { return }

        // Line 3: instances, alarms, reason or deployment progress.
        var details = LineWriter(area, line: 2, indent: 3)
        let type = deployment.instanceType ?? row.spec.instanceType
        let count = deployment.instanceCount ?? row.spec.instanceCount
        details.write("\(type)×\(count)  ", .textDim, theme: theme, into: &buffer)
        writeDetails(health, into: &details, buffer: &buffer, theme: theme)
    }

    // MARK: - Tall layout (narrow columns with room to spare)

    /// Five lines: name/status/health; version and instances; traffic and errors; latency and resources;
    /// alarms, reason or deployment progress.
    func renderTall(_ health: EndpointHealth, into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let deployment = health.deployment
        var second = LineWriter(area, line: 1, indent: 3)
        second.write(deployment.versionLabel, .text, theme: theme, into: &buffer)
        let type = deployment.instanceType ?? row.spec.instanceType
        let count = deployment.instanceCount ?? row.spec.instanceCount
        second.write("  \(type)×\(count)", .textDim, theme: theme, into: &buffer)

        var traffic = LineWriter(area, line: 2, indent: 3)
        writeTraffic(health, into: &traffic, buffer: &buffer, theme: theme, sparkMax: 24, reserved: 36)

        var latency = LineWriter(area, line: 3, indent: 3)
        writeLatency(health, into: &latency, buffer: &buffer, theme: theme)

        var details = LineWriter(area, line: 4, indent: 3)
        writeDetails(health, into: &details, buffer: &buffer, theme: theme)
    }

    /// Invocations sparkline (complete minutes only), rate, and 4xx/5xx percentages.
    func writeTraffic(
        _ health: EndpointHealth, into writer: inout LineWriter, buffer: inout FrameBuffer, theme: Theme,
        sparkMax: Int, reserved: Int
    ) {
        let recent = health.metrics.recent
        writer.write("inv ", .textDim, theme: theme, into: &buffer)
        // The current minute is still filling up: leave it out of the sparkline.
        let complete = health.metrics.invocations.filter { now.timeIntervalSince($0.time) >= 60 }
        let sparkWidth = max(6, min(sparkMax, writer.area.width - reserved, complete.count))
        if writer.x + sparkWidth < writer.area.maxX {
            Sparkline(values: complete.suffix(sparkWidth).map { Optional($0.value) }).render(
                into: &buffer, area: Rect(x: writer.x, y: writer.y, width: sparkWidth, height: 1), theme: theme)
            writer.space(sparkWidth)
        }
        writer.write(" \(ConsoleFormat.rate(recent.invocationsPerMinute))/m", .text, theme: theme, into: &buffer)
        writer.write("  4xx ", .textDim, theme: theme, into: &buffer)
        writer.write(ConsoleFormat.percent(recent.error4xxPercent), .text, theme: theme, into: &buffer)
        writer.write(" 5xx ", .textDim, theme: theme, into: &buffer)
        writer.write(ConsoleFormat.percent(recent.error5xxPercent), .text, theme: theme, into: &buffer)
    }

    /// Latency average and p99, CPU and memory.
    func writeLatency(_ health: EndpointHealth, into writer: inout LineWriter, buffer: inout FrameBuffer, theme: Theme)
    {
        let recent = health.metrics.recent
        writer.write("avg ", .textDim, theme: theme, into: &buffer)
        writer.write(ConsoleFormat.milliseconds(recent.latencyAvgMs), .text, theme: theme, into: &buffer)
        writer.write(" p99 ", .textDim, theme: theme, into: &buffer)
        writer.write(ConsoleFormat.milliseconds(recent.latencyP99Ms), .text, theme: theme, into: &buffer)
        writer.write("  cpu ", .textDim, theme: theme, into: &buffer)
        writer.write(ConsoleFormat.percent(recent.cpuPercent), .text, theme: theme, into: &buffer)
        writer.write(" mem ", .textDim, theme: theme, into: &buffer)
        writer.write(ConsoleFormat.percent(recent.memoryPercent), .text, theme: theme, into: &buffer)
    }

    /// Deployment progress, alarms, the health reason and a failure reason.
    func writeDetails(_ health: EndpointHealth, into details: inout LineWriter, buffer: inout FrameBuffer, theme: Theme)
    {
        let deployment = health.deployment
        if health.isDeploying || deployment.isChanging {
            let since = deployment.lastModified.map { ConsoleFormat.elapsed(now.timeIntervalSince($0)) } ?? "…"
            let target = deployment.pendingEndpointConfig.map { " → \($0)" } ?? ""
            details.write(
                "\(theme.glyphs.spinnerFrame(tick: tick)) deploying\(target) \(since)  ", .statusRunning, theme: theme,
                into: &buffer)
        }
        if !health.alarms.isEmpty {
            details.write("alarms", .textDim, theme: theme, into: &buffer)
            for alarm in health.alarms {
                let short = EndpointBlock.shortAlarmName(alarm.name, endpoint: row.spec.name)
                details.write(" \(short):", .textDim, theme: theme, into: &buffer)
                details.write(alarm.state, EndpointBlock.alarmRole(alarm.state), theme: theme, into: &buffer)
            }
            details.write("  ", .text, theme: theme, into: &buffer)
        }
        if let reason = health.reasons.first, !(health.isDeploying && reason.hasPrefix("deploying")) {
            details.write(reason + "  ", EndpointBlock.healthRole(health.level), theme: theme, into: &buffer)
        }
        if let failure = deployment.failureReason, !health.isDeploying {
            details.write(failure, .healthCritical, theme: theme, into: &buffer)
        }
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
