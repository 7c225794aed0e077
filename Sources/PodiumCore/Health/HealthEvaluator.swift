import Foundation

/// Turns status, metrics and alarms into a verdict with human-readable reasons. Pure.
public enum HealthEvaluator {
    /// The period the verdict looks at: the last five minutes.
    public static let evaluationPeriod: Duration = .seconds(300)

    /// The verdict for one endpoint. `metrics` are the endpoint's (for an endpoint with production variants, their
    /// aggregate); `variantMetrics`, by variant name, let each variant of a multi-variant or shadow endpoint be
    /// judged on its own as well (`judgeVariants`).
    public static func evaluate(
        deployment: EndpointDeployment, metrics: EndpointMetrics, alarms: [AlarmState], thresholds: HealthThresholds,
        variantMetrics: [String: EndpointMetrics] = [:]
    ) -> (level: HealthLevel, reasons: [String], isDeploying: Bool) {
        guard deployment.exists else { return (.unknown, ["not deployed"], false) }
        var findings: [(HealthLevel, String)] = []
        let status = deployment.status ?? .other("unknown")
        var deploying = false
        switch status {
        case .inService: break
        case .creating, .updating, .systemUpdating:
            deploying = true
            findings.append((.ok, "deploying (\(status))"))
        case .rollingBack:
            findings.append((.critical, "endpoint RollingBack"))
        case .failed, .updateRollbackFailed, .outOfService:
            let why = deployment.failureReason.map { ": \(clip($0, 120))" } ?? ""
            findings.append((.critical, "endpoint \(status)\(why)"))
        case .deleting:
            findings.append((.warn, "endpoint Deleting"))
        case .other:
            findings.append((.warn, "endpoint \(status)"))
        }
        if let problem = deployment.problem { findings.append((.warn, problem)) }

        for alarm in alarms {
            switch alarm.state {
            case "ALARM": findings.append((.critical, "alarm \(alarm.name) ALARM"))
            case "MISSING": findings.append((.warn, "alarm \(alarm.name) does not exist"))
            default: break
            }
        }

        let r = metrics.recent
        // With several production variants the endpoint's p99 is the worst variant's (an upper bound): it is judged
        // under that variant's name below rather than twice.
        let severalProduction = deployment.variants.filter { $0.role == .production }.count > 1
        judge(r, thresholds, latency: !severalProduction, into: &findings)
        findings += judgeVariants(deployment: deployment, variantMetrics: variantMetrics, thresholds: thresholds)
        if let mismatch = variantNameMismatch(deployment) { findings.append((.ok, mismatch)) }

        let hasTraffic = (r.invocationsPerMinute ?? 0) > 0
        var level = findings.map(\.0).max() ?? .ok
        if !hasTraffic, level < .warn {
            level = .unknown
            let minutes = Int(DurationFormat.seconds(evaluationPeriod) / 60)
            findings.append((.unknown, metrics.hasData ? "no invocations in the last \(minutes)m" : "no metrics"))
        }
        let ordered = findings.enumerated().sorted { lhs, rhs in
            lhs.element.0 != rhs.element.0 ? lhs.element.0 > rhs.element.0 : lhs.offset < rhs.offset
        }
        return (level, ordered.map(\.element.1), deploying)
    }

    /// `5xx 7.2% >= 5%`: the value against the threshold it crossed.
    public static func reason(label: String, value: Double, threshold: Double, unit: String, decimals: Int) -> String {
        "\(label) \(number(value, decimals: decimals))\(unit) >= \(number(threshold, decimals: decimals))\(unit)"
    }

    /// The 5xx, 4xx and (when `latency`) p99 summaries against the thresholds; each reason starts with `prefix`.
    static func judge(
        _ r: RecentMetrics, _ thresholds: HealthThresholds, latency: Bool = true, prefix: String = "",
        into findings: inout [(HealthLevel, String)]
    ) {
        if let value = r.error5xxPercent, let pair = thresholds.error5xxPercent {
            check(value, pair, label: prefix + "5xx", unit: "%", decimals: 1, into: &findings)
        }
        if let value = r.error4xxPercent, let pair = thresholds.error4xxPercent {
            check(value, pair, label: prefix + "4xx", unit: "%", decimals: 1, into: &findings)
        }
        if latency, let value = r.latencyP99Ms, let pair = thresholds.latencyP99Ms {
            check(value, pair, label: prefix + "p99", unit: "ms", decimals: 0, into: &findings)
        }
    }

    private static func check(
        _ value: Double, _ pair: ThresholdPair, label: String, unit: String, decimals: Int,
        into findings: inout [(HealthLevel, String)]
    ) {
        if value >= pair.critical {
            findings.append(
                (
                    .critical,
                    reason(label: label, value: value, threshold: pair.critical, unit: unit, decimals: decimals)
                ))
        } else if value >= pair.warn {
            findings.append(
                (.warn, reason(label: label, value: value, threshold: pair.warn, unit: unit, decimals: decimals)))
        }
    }

    /// A number with at most `decimals` decimals and no trailing `.0` for whole thresholds.
    static func number(_ value: Double, decimals: Int) -> String {
        if value == value.rounded() && abs(value) < 1e12 { return String(Int(value)) }
        return String(format: "%.\(decimals)f", value)
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
