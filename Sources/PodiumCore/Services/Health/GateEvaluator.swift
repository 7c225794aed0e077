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
        guard
            let running = candidates.first(where: { $0.deployment.group == group && $0.deployment.version == version })
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
        if running.level != .ok {
            let why = running.reasons.isEmpty ? "" : ": " + running.reasons.joined(separator: "; ")
            reasons.append("\(running.endpointName) in \(required.name) is \(running.level.rawValue)\(why)")
        }
        if let since, let warn = required.thresholds.error5xxPercent?.warn,
            let worst = running.metrics.error5xxPercent.filter({ $0.time >= since.addingTimeInterval(-60) })
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
}
