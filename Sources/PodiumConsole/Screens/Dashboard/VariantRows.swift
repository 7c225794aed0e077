import Foundation
import PodiumCore
import TerminalUI

/// The variant rows under an endpoint on the dashboard: one line per production or shadow variant, for an
/// endpoint with more than one variant, a shadow variant or a serverless one (issue 15).
///
/// `├ champion  v3  90% → 50%  ml.m5.large×1  inv ▂▄▆ 12/m  4xx 0.1% 5xx 0.0%  p99 54ms`; a shadow variant shows
/// its sampling percentage and its deltas against the first production variant; a serverless one its memory,
/// concurrency, cold starts (ModelSetupTime) and MemoryUtilization.
struct VariantRows {
    let health: EndpointHealth
    let thresholds: HealthThresholds
    let now: Date

    /// The variants that get rows: none for a plain single-variant endpoint.
    static func shown(_ health: EndpointHealth?) -> [EndpointVariant] {
        guard let variants = health?.deployment.variants, health?.deployment.exists == true else { return [] }
        let special = variants.count > 1 || variants.contains { $0.role == .shadow || $0.isServerless }
        return special ? variants : []
    }

    /// How many lines the rows take.
    static func count(_ health: EndpointHealth?) -> Int { shown(health).count }

    /// Columns before a variant row (under the endpoint's second line).
    static let indent = EndpointBlock.indent

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let variants = VariantRows.shown(health)
        let all = EndpointVariants(
            environment: health.environment, endpoint: health.endpointName, variants: health.deployment.variants)
        let nameWidth = variants.map { TextLayout.width($0.name) }.max() ?? 0
        for (index, variant) in variants.enumerated() where index < area.height {
            let last = index == variants.count - 1
            var line = Line(limit: area.width - VariantRows.indent)
            line.append(last ? "└ " : "├ ", .textDim)
            line.append(variant.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0), .textStrong)
            line.append("  \(variant.versionLabel)", .text)
            line.appendWhole([Span("  " + VariantRows.share(variant, in: all), .text)])
            line.appendWhole([Span("  " + VariantRows.capacity(variant), .textDim)])
            // A shadow variant's values each carry their delta against the first production variant's.
            let base = variant.role == .shadow ? all.production.first : nil
            let spark = appendMetrics(
                health.variantMetrics[variant.name], base: base.flatMap { health.variantMetrics[$0.name]?.recent },
                serverless: variant.isServerless, to: &line, theme: theme)
            let row = Rect(x: area.x, y: area.y + index, width: area.width, height: 1)
            buffer.set(line, in: row, indent: VariantRows.indent, theme: theme)
            if let spark {
                spark.sparkline.render(
                    into: &buffer,
                    area: Rect(x: row.x + VariantRows.indent + spark.column, y: row.y, width: spark.width, height: 1),
                    theme: theme)
            }
        }
    }

    /// Invocations sparkline, rate, 4xx/5xx and p99 (each whole or not at all, with its delta for a shadow); for
    /// serverless, the cold starts and memory. Returns where the sparkline goes.
    private func appendMetrics(
        _ metrics: EndpointMetrics?, base: RecentMetrics?, serverless: Bool, to line: inout Line, theme: Theme
    ) -> EndpointBlock.SparkSlot? {
        let recent = metrics?.recent ?? RecentMetrics()
        line.appendWhole([Span("  inv ", .textDim)])
        let complete = (metrics?.invocations ?? []).filter { now.timeIntervalSince($0.time) >= 60 }
        let width = max(6, min(12, complete.count))
        var slot: EndpointBlock.SparkSlot?
        if line.width + width < line.limit ?? .max {
            slot = EndpointBlock.SparkSlot(
                column: line.width, width: width,
                sparkline: Sparkline(values: complete.suffix(width).map { Optional($0.value) }))
            line.append(.gap(width))
        }
        line.appendWhole([Span(" \(ConsoleFormat.rate(recent.invocationsPerMinute))/m")])
        let deltas = base.map { VariantRows.deltas(recent, $0) }
        metric(
            "  4xx ", ConsoleFormat.percent(recent.error4xxPercent), recent.error4xxPercent,
            thresholds.error4xxPercent, deltas?.error4xx, &line, theme)
        metric(
            " 5xx ", ConsoleFormat.percent(recent.error5xxPercent), recent.error5xxPercent,
            thresholds.error5xxPercent, deltas?.error5xx, &line, theme)
        metric(
            "  p99 ", ConsoleFormat.milliseconds(recent.latencyP99Ms), recent.latencyP99Ms, thresholds.latencyP99Ms,
            deltas?.p99, &line, theme)
        if let deltas {
            metric(" model ", ConsoleFormat.milliseconds(recent.latencyAvgMs), nil, nil, deltas.model, &line, theme)
        }
        if serverless {
            metric("  setup ", ConsoleFormat.milliseconds(recent.modelSetupMs), nil, nil, nil, &line, theme)
            metric(" mem ", ConsoleFormat.percent(recent.memoryPercent), nil, nil, nil, &line, theme)
        }
        return slot
    }

    /// `label value` (and ` (delta)`) as one group, whole or not at all, the value in its verdict's role.
    private func metric(
        _ label: String, _ text: String, _ value: Double?, _ threshold: ThresholdPair?, _ delta: Span?,
        _ line: inout Line, _ theme: Theme
    ) {
        let level = ValueVerdict.level(value, threshold)
        var group = [
            Span(label, .textDim), Span(text + ValueVerdict.marker(level, theme: theme), ValueVerdict.role(level)),
        ]
        if let delta { group += [Span(" (", .textDim), delta, Span(")", .textDim)] }
        line.appendWhole(group)
    }

    /// `90%`, `90% → 50%` while weights move, `samples 20%` for a shadow variant.
    static func share(_ variant: EndpointVariant, in all: EndpointVariants) -> String {
        switch variant.role {
        case .production:
            let now = all.trafficPercent(of: variant.name).map(WeightChange.percent) ?? "?"
            let then = all.trafficPercent(of: variant.name, desired: true).map(WeightChange.percent) ?? "?"
            return now == then ? now : "\(now) → \(then)"
        case .shadow:
            return "samples " + (all.samplingPercent(of: variant.name).map(WeightChange.percent) ?? "?")
        }
    }

    /// `ml.m5.large×2` or `serverless 2048 MB · max 20`.
    static func capacity(_ variant: EndpointVariant) -> String {
        if let serverless = variant.serverless { return serverlessSummary(serverless) }
        let count = variant.currentInstanceCount ?? variant.desiredInstanceCount
        return "\(variant.instanceType ?? "?")×\(count.map(String.init) ?? "?")"
    }

    /// `serverless 2048 MB · max 20`.
    static func serverlessSummary(_ settings: ServerlessSettings) -> String {
        "serverless \(settings.memoryMB) MB · max \(settings.maxConcurrency)"
    }

    /// A shadow variant's deltas against production: its values minus production's (points for the rates).
    struct Deltas {
        let p99: Span
        let error4xx: Span
        let error5xx: Span
        let model: Span
    }

    /// The shadow's values minus production's; a worse shadow (higher latency or error rate) takes the warn role.
    static func deltas(_ copy: RecentMetrics, _ base: RecentMetrics) -> Deltas {
        func delta(_ a: Double?, _ b: Double?, _ unit: String, digits: Int) -> Span {
            guard let a, let b else { return Span("–", .textDim) }
            return Span(String(format: "%+.\(digits)f", a - b) + unit, a - b > 0.05 ? .healthWarn : .text)
        }
        return Deltas(
            p99: delta(copy.latencyP99Ms, base.latencyP99Ms, "ms", digits: 0),
            error4xx: delta(copy.error4xxPercent, base.error4xxPercent, "pt", digits: 1),
            error5xx: delta(copy.error5xxPercent, base.error5xxPercent, "pt", digits: 1),
            model: delta(copy.latencyAvgMs, base.latencyAvgMs, "ms", digits: 0))
    }
}
