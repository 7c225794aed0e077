import AWSCore
import Foundation

/// Per-variant metrics (issue 15): the `VariantName` dimension of every variant of a multi-variant, shadow or
/// serverless endpoint, queried in the environment's one GetMetricData call beside the endpoint queries.
extension MetricQueryPlan {
    /// The query id for variant `variant` of endpoint `endpoint`: `m3v1_p99`.
    public static func variantQueryId(endpoint: Int, variant: Int, kind: Kind) -> String {
        "m\(endpoint)v\(variant)_\(kind.rawValue)"
    }

    /// Queries for each variant of each deployment that has `variants` (8 per variant; none for plain endpoints).
    public static func variantQueries(for deployments: [EndpointDeployment]) -> [MetricDataQuery] {
        deployments.enumerated().flatMap { index, deployment in
            deployment.variants.enumerated().flatMap { position, variant in
                Kind.allCases.map { kind in
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
                out[variant.name] =
                    metrics(from: results, endpointCount: 1, now: now, evaluationPeriod: evaluationPeriod).first
                    ?? EndpointMetrics()
            }
            return out
        }
    }
}
