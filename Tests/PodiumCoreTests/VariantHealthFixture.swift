import AWSCore
import Foundation

@testable import PodiumCore

/// One endpoint (index 0) with variants, and GetMetricData results for each variant over the five minutes before
/// `now`, put through the same path as `HealthService`: per-variant summaries and the endpoint's aggregate.
struct VariantHealthFixture {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let minutes = (1...5).map { now.addingTimeInterval(Double(-60 * $0)) }

    /// What one variant saw each minute.
    struct Load {
        var invocations: Double
        var e5: Double = 0
        var e4: Double = 0
        var latencyMs: Double = 20
        var p99Ms: Double = 50
        var overheadMs: Double = 2
        var cpu: Double = 10
        var memory: Double = 30
    }

    var deployment: EndpointDeployment
    var results: [MetricDataResult] = []

    /// An InService endpoint `churn-ab` with these variants (config variant `AllTraffic` unless `configVariant`).
    init(_ variants: [(String, EndpointVariant.Role)], configVariant: String = "AllTraffic") {
        let spec = EndpointSpec(
            name: "churn-ab", modelPackageGroup: "churn", variant: configVariant, instanceType: "ml.m5.large")
        deployment = EndpointDeployment(environment: "prod", spec: spec, exists: true)
        deployment.status = .inService
        deployment.variants = variants.map { EndpointVariant(name: $0.0, role: $0.1) }
    }

    /// Adds the results of the variant at `position` (ids `m0v<position>_<kind>`; raw units: latencies in µs).
    mutating func put(_ load: Load, variant position: Int) {
        let values: [(MetricQueryPlan.Kind, Double)] = [
            (.invocations, load.invocations), (.errors5xx, load.e5), (.errors4xx, load.e4),
            (.latencyAvg, load.latencyMs * 1000), (.latencyP99, load.p99Ms * 1000), (.overhead, load.overheadMs * 1000),
            (.cpu, load.cpu), (.memory, load.memory),
        ]
        for (kind, value) in values {
            results.append(
                MetricDataResult(
                    id: MetricQueryPlan.variantQueryId(endpoint: 0, variant: position, kind: kind),
                    timestamps: Self.minutes, values: Self.minutes.map { _ in value }))
        }
    }

    /// The endpoint's metrics (the aggregate) and each variant's, as `HealthService` builds them.
    var metrics: (endpoint: EndpointMetrics, variants: [String: EndpointMetrics]) {
        let all = results + MetricQueryPlan.aggregatedResults(from: results, deployments: [deployment])
        let endpoint = MetricQueryPlan.metrics(
            from: all, endpointCount: 1, now: Self.now, evaluationPeriod: HealthEvaluator.evaluationPeriod)[0]
        let variants = MetricQueryPlan.variantMetrics(
            from: results, deployments: [deployment], now: Self.now, evaluationPeriod: HealthEvaluator.evaluationPeriod)
        return (endpoint, variants[0])
    }

    /// The verdict with the default thresholds (5xx 1%/5%, 4xx 5%/20%) unless `thresholds`.
    func verdict(thresholds: HealthThresholds = .defaults) -> (level: HealthLevel, reasons: [String]) {
        let m = metrics
        let v = HealthEvaluator.evaluate(
            deployment: deployment, metrics: m.endpoint, alarms: [], thresholds: thresholds, variantMetrics: m.variants)
        return (v.level, v.reasons)
    }

    /// The `VariantName` dimension values of the queries whose id starts with `prefix`.
    static func variantNames(in queries: [MetricDataQuery], prefix: String = "") -> Set<String> {
        var names: Set<String> = []
        for query in queries where query.id.hasPrefix(prefix) {
            for dimension: AWSCore.Dimension in query.metricStat?.metric.dimensions ?? []
            where dimension.name == "VariantName" {
                names.insert(dimension.value)
            }
        }
        return names
    }
}
