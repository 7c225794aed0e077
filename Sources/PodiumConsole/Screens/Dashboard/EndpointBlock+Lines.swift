import Foundation
import PodiumCore
import TerminalUI

/// The endpoint block's lines of numbers and trouble: each value whole and in its own verdict's style, the
/// deployment line, the alarms and the reasons (whole, worst first, then `+N`).
extension EndpointBlock {
    /// Where a line leaves a gap for its sparkline (columns from the line's start).
    struct SparkSlot {
        let column: Int
        let width: Int
        let sparkline: Sparkline
    }

    /// Appends `label value` as one group, whole or not at all, the value in its own verdict's role (with the
    /// non-colour marker on a mono theme). `base` replaces the roles on a selected line.
    func appendMetric(
        _ label: String, _ value: String, _ level: HealthLevel, to line: inout Line, theme: Theme,
        base: ThemeRole? = nil
    ) {
        // On the selection bar a troubled value keeps its verdict colour: the selection must not hide it.
        let valueRole = level == .ok || level == .unknown ? base ?? .text : ValueVerdict.role(level)
        line.appendWhole([
            Span(label, base ?? .textDim), Span(value + ValueVerdict.marker(level, theme: theme), valueRole),
        ])
    }

    /// Invocations sparkline (complete minutes only), rate, and 4xx/5xx percentages; returns where the
    /// sparkline goes (the line leaves a gap for it), if it fits.
    func appendTraffic(
        _ health: EndpointHealth, to line: inout Line, areaWidth: Int, theme: Theme, sparkMax: Int, reserved: Int
    ) -> SparkSlot? {
        let recent = health.metrics.recent
        let thresholds = row.environment.thresholds
        line.appendWhole([Span("inv ", .textDim)])
        // The current minute is still filling up: leave it out of the sparkline.
        let complete = health.metrics.invocations.filter { now.timeIntervalSince($0.time) >= 60 }
        let sparkWidth = max(6, min(sparkMax, areaWidth - reserved, complete.count))
        var slot: SparkSlot?
        if line.width + sparkWidth < line.limit ?? .max {
            slot = SparkSlot(
                column: line.width, width: sparkWidth,
                sparkline: Sparkline(values: complete.suffix(sparkWidth).map { Optional($0.value) }))
            line.append(.gap(sparkWidth))
        }
        line.appendWhole([Span(" \(ConsoleFormat.rate(recent.invocationsPerMinute))/m")])
        appendMetric(
            "  4xx ", ConsoleFormat.percent(recent.error4xxPercent),
            ValueVerdict.level(recent.error4xxPercent, thresholds.error4xxPercent), to: &line, theme: theme)
        appendMetric(
            " 5xx ", ConsoleFormat.percent(recent.error5xxPercent),
            ValueVerdict.level(recent.error5xxPercent, thresholds.error5xxPercent), to: &line, theme: theme)
        return slot
    }

    /// Latency average and p99, CPU and memory (each whole or not at all, least important last).
    func appendLatency(_ health: EndpointHealth, to line: inout Line, theme: Theme) {
        let recent = health.metrics.recent
        let thresholds = row.environment.thresholds
        appendMetric(
            "p99 ", ConsoleFormat.milliseconds(recent.latencyP99Ms),
            ValueVerdict.level(recent.latencyP99Ms, thresholds.latencyP99Ms), to: &line, theme: theme)
        appendMetric(" avg ", ConsoleFormat.milliseconds(recent.latencyAvgMs), .ok, to: &line, theme: theme)
        if serverless != nil {
            appendServerlessResources(health, to: &line, theme: theme)
            return
        }
        appendMetric("  cpu ", ConsoleFormat.percent(recent.cpuPercent), .ok, to: &line, theme: theme)
        appendMetric(" mem ", ConsoleFormat.percent(recent.memoryPercent), .ok, to: &line, theme: theme)
    }

    /// Deployment progress, alarms, the health reasons and a failure reason. While a deployment runs its
    /// line is short (`⠦ deploying 0:17`), so the alarm states stay in view beside it; the target config
    /// comes last, when there is room.
    func appendDetails(_ health: EndpointHealth, to details: inout Line, theme: Theme) {
        let deployment = health.deployment
        let deploying = health.isDeploying || deployment.isChanging
        if deploying {
            let since = deployment.lastModified.map { ConsoleFormat.elapsed(now.timeIntervalSince($0)) } ?? "…"
            details.appendWhole([
                Span("\(theme.glyphs.spinnerFrame(tick: tick)) deploying \(since)  ", .statusRunning)
            ])
        }
        if !health.alarms.isEmpty {
            func spans(_ alarms: [AlarmState], okCount: Int) -> Line {
                var out = Line([Span("alarms", .textDim)])
                for alarm in alarms {
                    let short = EndpointBlock.shortAlarmName(alarm.name, endpoint: row.spec.name)
                    out.append(" \(short):", .textDim)
                    out.append(alarm.state, EndpointBlock.alarmRole(alarm.state))
                }
                if okCount > 0 { out.append(" +\(okCount) OK", .textDim) }
                out.append("  ")
                return out
            }
            var all = spans(health.alarms, okCount: 0)
            // When the alarm list would crowd out the reasons, the alarms that are fine are only counted.
            let others = EndpointBlock.shownReasons(health).filter { !$0.hasPrefix("alarm ") }
            // Room for the first reason, and for `+N` when more follow.
            let needed = others.first.map { TextLayout.width($0) + (others.count > 1 ? 4 : 0) } ?? 0
            if needed > 0, all.width + needed > details.remaining {
                let troubled = health.alarms.filter { $0.state != "OK" }
                all = spans(troubled, okCount: health.alarms.count - troubled.count)
            }
            details.appendWhole(all.spans)
        }
        appendReasons(health, to: &details, alarmsShown: !health.alarms.isEmpty)
        if let failure = deployment.failureReason, !health.isDeploying {
            details.append(failure, .healthCritical)
        }
        if deploying, let target = deployment.pendingEndpointConfig {
            details.appendWhole([Span("→ \(target)", .statusRunning)])
        }
    }

    /// The reasons shown beside an endpoint, worst first: every one that fits whole, then `+N` for the rest
    /// (the dashboard's reason strip lists them all for the selected endpoint).
    func appendReasons(
        _ health: EndpointHealth, to line: inout Line, alarmsShown: Bool = false, trailingSpace: Bool = true
    ) {
        // Beside its endpoint an alarm needs no endpoint prefix (`alarm 5xx ALARM`); the strip keeps full names.
        // When the line already lists the alarm states, an alarm reason would only repeat one of them.
        let prefix = "alarm \(row.spec.name)-"
        let alarmReasons = Set(health.alarms.map { "alarm \($0.name) \($0.state)" })
        let reasons = EndpointBlock.shownReasons(health).filter { !(alarmsShown && alarmReasons.contains($0)) }.map {
            $0.hasPrefix(prefix) ? "alarm " + $0.dropFirst(prefix.count) : $0
        }
        guard !reasons.isEmpty else { return }
        let role = EndpointBlock.healthRole(health.level)
        for (index, reason) in reasons.enumerated() {
            let rest = reasons.count - index - 1
            let separator = index == 0 ? "" : "; "
            // Room for this reason, plus `+N` when more follow.
            let more = rest > 0 ? TextLayout.width(" +\(rest)") : 0
            if TextLayout.width(separator + reason) + more <= line.remaining {
                line.appendWhole([Span(separator + reason, role)])
                continue
            }
            line.appendWhole([Span((index == 0 ? "" : " ") + "+\(reasons.count - index)", role)])
            line.close()  // what follows would read as if the list had ended
            return
        }
        if trailingSpace { line.appendWhole([Span("  ")]) }
    }

    /// The reasons worth showing (not the `deploying` one while the deployment line is shown).
    static func shownReasons(_ health: EndpointHealth) -> [String] {
        health.reasons.filter { !(health.isDeploying && $0.hasPrefix("deploying")) }
    }
}
