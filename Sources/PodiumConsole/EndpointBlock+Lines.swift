import Foundation
import PodiumCore
import TerminalUI

/// The endpoint block's lines of numbers and trouble: each value whole and in its own verdict's style, the
/// deployment line, the alarms and the reasons (whole, worst first, then `+N`).
extension EndpointBlock {
    /// Writes `label value` as one piece, whole or not at all, the value in its own verdict's role (with the
    /// non-colour marker on a mono theme). `base` replaces the roles on a selected line.
    func writeMetric(
        _ label: String, _ value: String, _ level: HealthLevel, into writer: inout LineWriter,
        buffer: inout FrameBuffer, theme: Theme, base: ThemeRole? = nil
    ) {
        let valueRole = ValueVerdict.role(level)
        let labelStyle = theme.style(base ?? .textDim)
        // On the selection bar a troubled value keeps its verdict colour: the selection must not hide it.
        let valueStyle = level == .ok || level == .unknown ? theme.style(base ?? .text) : theme.style(valueRole)
        writer.writeWhole(
            [(label, labelStyle), (value + ValueVerdict.marker(level, theme: theme), valueStyle)], into: &buffer)
    }

    /// Invocations sparkline (complete minutes only), rate, and 4xx/5xx percentages.
    func writeTraffic(
        _ health: EndpointHealth, into writer: inout LineWriter, buffer: inout FrameBuffer, theme: Theme,
        sparkMax: Int, reserved: Int
    ) {
        let recent = health.metrics.recent
        let thresholds = row.environment.thresholds
        writer.writeWhole([("inv ", theme.style(.textDim))], into: &buffer)
        // The current minute is still filling up: leave it out of the sparkline.
        let complete = health.metrics.invocations.filter { now.timeIntervalSince($0.time) >= 60 }
        let sparkWidth = max(6, min(sparkMax, writer.area.width - reserved, complete.count))
        if writer.x + sparkWidth < writer.area.maxX {
            Sparkline(values: complete.suffix(sparkWidth).map { Optional($0.value) }).render(
                into: &buffer, area: Rect(x: writer.x, y: writer.y, width: sparkWidth, height: 1), theme: theme)
            writer.space(sparkWidth)
        }
        writer.writeWhole(
            [(" \(ConsoleFormat.rate(recent.invocationsPerMinute))/m", theme.style(.text))], into: &buffer)
        writeMetric(
            "  4xx ", ConsoleFormat.percent(recent.error4xxPercent),
            ValueVerdict.level(recent.error4xxPercent, thresholds.error4xxPercent), into: &writer, buffer: &buffer,
            theme: theme)
        writeMetric(
            " 5xx ", ConsoleFormat.percent(recent.error5xxPercent),
            ValueVerdict.level(recent.error5xxPercent, thresholds.error5xxPercent), into: &writer, buffer: &buffer,
            theme: theme)
    }

    /// Latency average and p99, CPU and memory (each whole or not at all, least important last).
    func writeLatency(_ health: EndpointHealth, into writer: inout LineWriter, buffer: inout FrameBuffer, theme: Theme)
    {
        let recent = health.metrics.recent
        let thresholds = row.environment.thresholds
        writeMetric(
            "p99 ", ConsoleFormat.milliseconds(recent.latencyP99Ms),
            ValueVerdict.level(recent.latencyP99Ms, thresholds.latencyP99Ms), into: &writer, buffer: &buffer,
            theme: theme)
        writeMetric(
            " avg ", ConsoleFormat.milliseconds(recent.latencyAvgMs), .ok, into: &writer, buffer: &buffer, theme: theme)
        writeMetric(
            "  cpu ", ConsoleFormat.percent(recent.cpuPercent), .ok, into: &writer, buffer: &buffer, theme: theme)
        writeMetric(
            " mem ", ConsoleFormat.percent(recent.memoryPercent), .ok, into: &writer, buffer: &buffer, theme: theme)
    }

    /// Deployment progress, alarms, the health reasons and a failure reason. While a deployment runs its
    /// line is short (`⠦ deploying 0:17`), so the alarm states stay in view beside it; the target config
    /// comes last, when there is room.
    func writeDetails(_ health: EndpointHealth, into details: inout LineWriter, buffer: inout FrameBuffer, theme: Theme)
    {
        let deployment = health.deployment
        let deploying = health.isDeploying || deployment.isChanging
        if deploying {
            let since = deployment.lastModified.map { ConsoleFormat.elapsed(now.timeIntervalSince($0)) } ?? "…"
            details.writeWhole(
                [("\(theme.glyphs.spinnerFrame(tick: tick)) deploying \(since)  ", theme.style(.statusRunning))],
                into: &buffer)
        }
        if !health.alarms.isEmpty {
            func pieces(_ alarms: [AlarmState], okCount: Int) -> [(String, CellStyle)] {
                var out: [(String, CellStyle)] = [("alarms", theme.style(.textDim))]
                for alarm in alarms {
                    let short = EndpointBlock.shortAlarmName(alarm.name, endpoint: row.spec.name)
                    out.append((" \(short):", theme.style(.textDim)))
                    out.append((alarm.state, theme.style(EndpointBlock.alarmRole(alarm.state))))
                }
                if okCount > 0 { out.append((" +\(okCount) OK", theme.style(.textDim))) }
                out.append(("  ", theme.style(.text)))
                return out
            }
            var all = pieces(health.alarms, okCount: 0)
            // When the alarm list would crowd out the reasons, the alarms that are fine are only counted.
            let others = EndpointBlock.shownReasons(health).filter { !$0.hasPrefix("alarm ") }
            let width = { (list: [(String, CellStyle)]) in list.reduce(0) { $0 + TextLayout.width($1.0) } }
            // Room for the first reason, and for `+N` when more follow.
            let needed = others.first.map { TextLayout.width($0) + (others.count > 1 ? 4 : 0) } ?? 0
            if needed > 0, width(all) + needed > details.remaining {
                let troubled = health.alarms.filter { $0.state != "OK" }
                all = pieces(troubled, okCount: health.alarms.count - troubled.count)
            }
            details.writeWhole(all, into: &buffer)
        }
        writeReasons(health, into: &details, buffer: &buffer, theme: theme, alarmsShown: !health.alarms.isEmpty)
        if let failure = deployment.failureReason, !health.isDeploying {
            details.write(failure, .healthCritical, theme: theme, into: &buffer)
        }
        if deploying, let target = deployment.pendingEndpointConfig {
            details.writeWhole([("→ \(target)", theme.style(.statusRunning))], into: &buffer)
        }
    }

    /// The reasons shown beside an endpoint, worst first: every one that fits whole, then `+N` for the rest
    /// (the dashboard's reason strip lists them all for the selected endpoint).
    func writeReasons(
        _ health: EndpointHealth, into writer: inout LineWriter, buffer: inout FrameBuffer, theme: Theme,
        alarmsShown: Bool = false, trailingSpace: Bool = true
    ) {
        // Beside its endpoint an alarm needs no endpoint prefix (`alarm 5xx ALARM`); the strip keeps full names.
        // When the line already lists the alarm states, an alarm reason would only repeat one of them.
        let prefix = "alarm \(row.spec.name)-"
        let alarmReasons = Set(health.alarms.map { "alarm \($0.name) \($0.state)" })
        let reasons = EndpointBlock.shownReasons(health).filter { !(alarmsShown && alarmReasons.contains($0)) }.map {
            $0.hasPrefix(prefix) ? "alarm " + $0.dropFirst(prefix.count) : $0
        }
        guard !reasons.isEmpty else { return }
        let style = theme.style(EndpointBlock.healthRole(health.level))
        for (index, reason) in reasons.enumerated() {
            let rest = reasons.count - index - 1
            let separator = index == 0 ? "" : "; "
            // Room for this reason, plus `+N` when more follow.
            let more = rest > 0 ? TextLayout.width(" +\(rest)") : 0
            if TextLayout.width(separator + reason) + more <= writer.remaining {
                writer.writeWhole([(separator + reason, style)], into: &buffer)
                continue
            }
            writer.writeWhole([((index == 0 ? "" : " ") + "+\(reasons.count - index)", style)], into: &buffer)
            writer.finish()  // what follows would read as if the list had ended
            return
        }
        if trailingSpace { writer.writeWhole([("  ", theme.style(.text))], into: &buffer) }
    }

    /// The reasons worth showing (not the `deploying` one while the deployment line is shown).
    static func shownReasons(_ health: EndpointHealth) -> [String] {
        health.reasons.filter { !(health.isDeploying && $0.hasPrefix("deploying")) }
    }
}
