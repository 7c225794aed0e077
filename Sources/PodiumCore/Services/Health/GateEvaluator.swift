import Foundation

/// Judges a promotion gate from the required environment's health. Pure: the evidence and the time come in.
///
/// "Healthy for D in R" means: the version runs on an endpoint of the group in R that is `InService`; it has run
/// there since at least D ago (the later of the endpoint's LastModifiedTime and its config's creation time); its
/// current verdict is `ok` (traffic, no threshold crossed, no alarm); and no per-minute 5xx rate since the
/// deployment reached the warn threshold.
public enum GateEvaluator {
    /// The gate's verdict for `group` `version`, from the health of the gate's required environment.
    public static func evaluate(
        gate: GateConfig, required: EnvironmentConfig, group: String, version: Int, evidence: EnvironmentHealth,
        now: Date
    ) -> GateStatus {
        let candidates = evidence.endpoints.filter { $0.deployment.spec.modelPackageGroup == group }
        guard !candidates.isEmpty else {
            return GateStatus(isMet: false, reasons: ["\(required.name) has no endpoint for \(group) in the config"])
        }
        let needed = DurationFormat.format(gate.healthyFor)
        guard let running = candidates.first(where: { Self.runs($0.deployment, group: group, version: version) })
        else {
            let there = candidates.map { "\($0.endpointName) runs \($0.deployment.versionLabel)" }.joined(
                separator: ", ")
            return GateStatus(
                isMet: false,
                reasons: [
                    "\(group) v\(version) is not deployed in \(required.name) (\(there)); it must run healthy there for \(needed) first"
                ])
        }
        var reasons: [String] = []
        let deployment = running.deployment
        if deployment.status != .inService {
            reasons.append(
                "\(running.endpointName) in \(required.name) is \(deployment.status?.rawValue ?? "unknown"), not InService"
            )
        }
        let since = deployment.deployedSince
        if let since {
            let ran = now.timeIntervalSince(since)
            if ran < DurationFormat.seconds(gate.healthyFor) {
                reasons.append(
                    "v\(version) has run in \(required.name) for \(DurationFormat.human(seconds: ran)); the gate needs \(needed)"
                )
            }
        } else {
            reasons.append("cannot tell since when v\(version) runs in \(required.name)")
        }
        // On an endpoint with several variants the version is judged on its own variant: a failing challenger or
        // shadow beside it is that variant's trouble, not this version's (the endpoint's verdict mixes them).
        let variant = Self.variant(of: deployment, group: group, running: version)
        if let variant {
            reasons += Self.variantTrouble(running, variant: variant, version: version, required: required)
        } else if running.level != .ok {
            let why = running.reasons.isEmpty ? "" : ": " + running.reasons.joined(separator: "; ")
            reasons.append("\(running.endpointName) in \(required.name) is \(running.level.rawValue)\(why)")
        }
        let series =
            variant.map { running.variantMetrics[$0.name]?.error5xxPercent ?? [] } ?? running.metrics.error5xxPercent
        if let since, let warn = required.thresholds.error5xxPercent?.warn,
            let worst = series.filter({ $0.time >= since.addingTimeInterval(-60) })
                .max(by: { $0.value < $1.value }), worst.value >= warn
        {
            reasons.append(
                "5xx reached \(HealthEvaluator.number(worst.value, decimals: 1))% at \(ISO8601.string(worst.time)) in \(required.name) since the deployment (warn \(HealthEvaluator.number(warn, decimals: 1))%)"
            )
        }
        if reasons.isEmpty {
            return GateStatus(
                isMet: true, reasons: ["v\(version) has run healthy in \(required.name) for at least \(needed)"],
                deployedSince: since)
        }
        return GateStatus(isMet: false, reasons: reasons, deployedSince: since)
    }

    /// Whether `deployment` runs `version` of `group`: as its main version, or as a production variant with weight.
    static func runs(_ deployment: EndpointDeployment, group: String, version: Int) -> Bool {
        if deployment.group == group && deployment.version == version { return true }
        return deployment.variants.contains {
            $0.role == .production && $0.group == group && $0.version == version && ($0.currentWeight ?? 0) > 0
        }
    }

    /// The production variant that runs `version` on an endpoint with several variants (several production
    /// variants, or a shadow beside one), the heaviest when more than one does; nil for a plain endpoint, whose
    /// verdict is the version's own.
    static func variant(of deployment: EndpointDeployment, group: String, running version: Int) -> EndpointVariant? {
        guard deployment.variants.count > 1 else { return nil }
        return deployment.variants.filter { $0.role == .production && $0.group == group && $0.version == version }
            .max { ($0.currentWeight ?? 0) < ($1.currentWeight ?? 0) }
    }

    /// What keeps the version's variant from being healthy: the endpoint's alarms and problem (they watch the whole
    /// endpoint), the variant's own 5xx, 4xx and p99 against the thresholds, and no invocations.
    static func variantTrouble(
        _ running: EndpointHealth, variant: EndpointVariant, version: Int, required: EnvironmentConfig
    ) -> [String] {
        let place = "\(running.endpointName) in \(required.name)"
        var reasons: [String] = []
        if let problem = running.deployment.problem { reasons.append("\(place): \(problem)") }
        for alarm in running.alarms where alarm.state == "ALARM" {
            reasons.append("\(place): alarm \(alarm.name) ALARM")
        }
        let recent = running.variantMetrics[variant.name]?.recent ?? RecentMetrics()
        var findings: [(HealthLevel, String)] = []
        HealthEvaluator.judge(recent, required.thresholds, prefix: "\(variant.name) (v\(version)): ", into: &findings)
        reasons += findings.map { "\(place): \($0.1)" }
        if (recent.invocationsPerMinute ?? 0) <= 0 {
            reasons.append("\(place): variant \(variant.name) (v\(version)) has no invocations")
        }
        return reasons
    }
}
