import ArgumentParser
import Foundation
import PodiumCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `podium traffic ENDPOINT --env ENV [--set VARIANT=WEIGHT ...] [--retire VARIANT]`.
struct TrafficCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traffic",
        abstract: "Show an endpoint's variants and weights; shift traffic between them, or retire one.",
        discussion: """
            Without --set or --retire it shows the variants: version, weight and share of requests (current → \
            desired while SageMaker moves them), instances or serverless memory × concurrency, and shadow \
            variants with their sampling percentage. --set shifts weights with UpdateEndpointWeightsAndCapacities \
            (no new endpoint config); --retire removes a variant through a new endpoint config. Both show a plan, \
            ask for confirmation (typed for confirm: typed environments), follow the endpoint until the change is \
            in service and are recorded in the audit log.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The endpoint name.") var endpoint: String
    @Option(name: .long, help: "The environment.") var env: String
    @Option(name: .long, help: "VARIANT=WEIGHT (repeatable): the weight to give a variant; the others keep theirs.")
    var set: [String] = []
    @Option(name: .long, help: "Remove this variant through a new endpoint config of the others.")
    var retire: String?
    @Flag(name: .long, help: "End the shadow test: the shadow variant's model becomes the production variant's.")
    var promoteShadow = false
    @Flag(name: .long, help: "Print the plan and stop.") var plan = false
    @Flag(name: .long, help: "Do not ask (environments with confirm: yes).") var yes = false
    @Option(name: .long, help: "The endpoint name, as typed confirmation (confirm: typed without a terminal).")
    var confirm: String?
    @Flag(name: .long, help: "JSON on stdout (docs/cli.md); progress goes to stderr.") var json = false

    func validate() throws {
        if [!set.isEmpty, retire != nil, promoteShadow].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --set, --retire or --promote-shadow")
        }
        for item in set where Self.parseWeight(item) == nil {
            throw ValidationError("--set \(item): expected VARIANT=WEIGHT with a number of 0 or more, e.g. champion=90")
        }
    }

    func run() async throws {
        let context = try CommandContext(options: global)
        let session = context.session
        if set.isEmpty, retire == nil, !promoteShadow {
            let variants = try await session.variants(environment: env, endpoint: endpoint)
            try await context.failIfAccessWasDenied()
            // metrics are a bonus to the variants: shown as unknown when CloudWatch cannot be read
            let metrics = (try? await session.variantMetrics(variants)) ?? [:]
            if json {
                try Output.json(TrafficJSON(variants, metrics: metrics))
            } else {
                Self.print(variants, metrics: metrics)
            }
            return
        }
        let trafficPlan: TrafficPlan
        if promoteShadow {
            trafficPlan = try await session.planPromoteShadow(environment: env, endpoint: endpoint)
        } else if let retire {
            trafficPlan = try await session.planRetire(environment: env, endpoint: endpoint, variant: retire)
        } else {
            trafficPlan = try await session.planTrafficShift(
                environment: env, endpoint: endpoint, weights: set.compactMap(Self.parseWeight))
        }
        try await context.failIfAccessWasDenied()
        try await TrafficPlanRunner(plan: plan, yes: yes, confirm: confirm, json: json).run(
            trafficPlan, session: session)
    }

    static func parseWeight(_ text: String) -> (variant: String, weight: Double)? {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let weight = Double(parts[1]), weight.isFinite, weight >= 0 else {
            return nil
        }
        return (parts[0], weight)
    }

    static func print(_ variants: EndpointVariants, metrics: [String: EndpointMetrics] = [:]) {
        let status = variants.status.map { "\($0)" } ?? "unknown"
        Output.line(
            "\(variants.endpoint) in \(variants.environment): \(status) on \(variants.endpointConfigName ?? "?")")
        var rows: [[String]] = []
        for variant in variants.variants {
            let weight = variant.currentWeight.map(VariantWeights.format) ?? "?"
            let desired = variant.desiredWeight.map(VariantWeights.format) ?? weight
            let share: String
            switch variant.role {
            case .production:
                let now = variants.trafficPercent(of: variant.name).map(WeightChange.percent) ?? "?"
                let then = variants.trafficPercent(of: variant.name, desired: true).map(WeightChange.percent) ?? "?"
                share = now == then ? now : "\(now) → \(then)"
            case .shadow:
                share = "samples " + (variants.samplingPercent(of: variant.name).map(WeightChange.percent) ?? "?")
            }
            rows.append(
                [
                    variant.name, variant.role.rawValue,
                    Output.sanitize(variant.group ?? "?") + " " + variant.versionLabel,
                    weight == desired ? weight : "\(weight) → \(desired)", share, variant.capacitySummary,
                ] + (metrics.isEmpty ? [] : Self.metricCells(metrics[variant.name]?.recent)))
        }
        let header = ["VARIANT", "ROLE", "VERSION", "WEIGHT", "TRAFFIC", "CAPACITY"]
        Output.table(header + (metrics.isEmpty ? [] : ["INV/M", "4XX", "5XX", "P99", "MODEL AVG"]), rows)
        if let production = variants.production.first, let shadow = variants.shadow.first,
            let base = metrics[production.name]?.recent, let copy = metrics[shadow.name]?.recent
        {
            Output.line(Self.shadowDeltas(shadow: shadow.name, production: production.name, copy, base))
        }
    }

    static func metricCells(_ r: RecentMetrics?) -> [String] {
        func number(_ value: Double?, _ unit: String, digits: Int = 0) -> String {
            value.map { String(format: "%.\(digits)f", $0) + unit } ?? "–"
        }
        return [
            number(r?.invocationsPerMinute, ""), number(r?.error4xxPercent, "%", digits: 1),
            number(r?.error5xxPercent, "%", digits: 1), number(r?.latencyP99Ms, "ms"), number(r?.latencyAvgMs, "ms"),
        ]
    }

    /// `shadow vs AllTraffic: p99 +6ms (60ms vs 54ms), 4xx +0.1 pt, 5xx +0.0 pt, model latency avg +3ms`.
    static func shadowDeltas(shadow: String, production: String, _ copy: RecentMetrics, _ base: RecentMetrics)
        -> String
    {
        func delta(_ a: Double?, _ b: Double?, _ unit: String, digits: Int = 0) -> String {
            guard let a, let b else { return "–" }
            let format = "%+.\(digits)f"
            return String(format: format, a - b) + unit
                + " (\(String(format: "%.\(digits)f", a))\(unit) vs \(String(format: "%.\(digits)f", b))\(unit))"
        }
        return "\(shadow) vs \(production): p99 \(delta(copy.latencyP99Ms, base.latencyP99Ms, "ms")), "
            + "4xx \(delta(copy.error4xxPercent, base.error4xxPercent, "%", digits: 1)), "
            + "5xx \(delta(copy.error5xxPercent, base.error5xxPercent, "%", digits: 1)), "
            + "model latency avg \(delta(copy.latencyAvgMs, base.latencyAvgMs, "ms"))"
    }
}
