import AWSCore
import Foundation

/// Per-variant metrics (issue 15): the `VariantName` dimension of every variant of a multi-variant, shadow or
/// serverless endpoint, queried in the environment's one GetMetricData call beside the endpoint queries.
extension MetricQueryPlan {
    /// The query id for variant `variant` of endpoint `endpoint`: `m3v1_p99`.
    public static func variantQueryId(endpoint: Int, variant: Int, kind: Kind) -> String {
        "m\(endpoint)v\(variant)_\(kind.rawValue)"
    }

    /// The query id of a serverless variant's `ModelSetupTime` (cold starts): `m3v1_setup`.
    public static func setupQueryId(endpoint: Int, variant: Int) -> String { "m\(endpoint)v\(variant)_setup" }

    /// Queries for each variant of each deployment that has `variants` (8 per variant, and ModelSetupTime for a
    /// serverless one; none for plain endpoints).
    public static func variantQueries(for deployments: [EndpointDeployment]) -> [MetricDataQuery] {
        deployments.enumerated().flatMap { index, deployment in
            deployment.variants.enumerated().flatMap { position, variant in
                setupQueries(endpoint: index, variant: position, deployment: deployment, serverless: variant)
                    + Kind.allCases.map { kind in
                        MetricDataQuery(
                            id: variantQueryId(endpoint: index, variant: position, kind: kind),
                            metricStat: MetricStat(
                                metric: Metric(
                                    namespace: kind.namespace, metricName: kind.metricName,
                                    dimensions: [
                                        Dimension(name: "EndpointName", value: deployment.endpointName),
                                        Dimension(name: "VariantName", value: variant.name),
                                    ]),
                                period: period, stat: kind.stat),
                            returnData: true)
                    }
            }
        }
    }

    private static func setupQueries(
        endpoint: Int, variant position: Int, deployment: EndpointDeployment, serverless variant: EndpointVariant
    ) -> [MetricDataQuery] {
        guard variant.isServerless else { return [] }
        return [
            MetricDataQuery(
                id: setupQueryId(endpoint: endpoint, variant: position),
                metricStat: MetricStat(
                    metric: Metric(
                        namespace: "AWS/SageMaker", metricName: "ModelSetupTime",
                        dimensions: [
                            Dimension(name: "EndpointName", value: deployment.endpointName),
                            Dimension(name: "VariantName", value: variant.name),
                        ]),
                    period: period, stat: "Maximum"),
                returnData: true)
        ]
    }

    /// Each deployment's per-variant metrics by variant name (same order as `deployments`).
    public static func variantMetrics(
        from results: [MetricDataResult], deployments: [EndpointDeployment], now: Date, evaluationPeriod: Duration
    ) -> [[String: EndpointMetrics]] {
        var byPrefix: [String: [MetricDataResult]] = [:]
        for result in results {
            guard let id = result.id, let separator = id.firstIndex(of: "_"), id[..<separator].contains("v") else {
                continue
            }
            var renamed = result
            // the endpoint summariser reads ids `m0_<kind>`: give each variant's results that shape
            renamed.id = "m0" + id[separator...]
            byPrefix[String(id[..<separator]), default: []].append(renamed)
        }
        return deployments.enumerated().map { index, deployment in
            var out: [String: EndpointMetrics] = [:]
            for (position, variant) in deployment.variants.enumerated() {
                let results = byPrefix["m\(index)v\(position)"] ?? []
                var summary =
                    metrics(from: results, endpointCount: 1, now: now, evaluationPeriod: evaluationPeriod).first
                    ?? EndpointMetrics()
                let setup = setupPoints(results)
                summary.modelSetupMs = setup
                let since = now.addingTimeInterval(-DurationFormat.seconds(evaluationPeriod))
                summary.recent.modelSetupMs = setup.filter { $0.time >= since }.map(\.value).max()
                out[variant.name] = summary
            }
            return out
        }
    }

    /// The `ModelSetupTime` points among a variant's results, in milliseconds, oldest first.
    private static func setupPoints(_ results: [MetricDataResult]) -> [MetricPoint] {
        var points: [MetricPoint] = []
        for result in results where result.id == "m0_setup" {
            let times: [Date] = result.timestamps ?? []
            let values: [Double] = result.values ?? []
            for (time, value) in zip(times, values) where value.isFinite {
                points.append(MetricPoint(time: time, value: value / 1000))
            }
        }
        return points.sorted { $0.time < $1.time }
    }
}
