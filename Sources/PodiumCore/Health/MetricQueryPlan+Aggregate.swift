import AWSCore
import Foundation

/// The endpoint-level series of an endpoint with production variants: the aggregate over the production variants it
/// really has, so its line and its verdict count every caller, not only those of the variant the config names.
extension MetricQueryPlan {
    /// How one metric combines over production variants, per minute.
    enum Combination {
        /// Counts add up (invocations, 4xx, 5xx).
        case sum
        /// Averages weighted by each variant's invocations that minute (model and overhead latency).
        case weightedByInvocations
        /// The largest value (p99, CPU, memory).
        case maximum
    }

    /// How `kind` combines. A p99 over variants is the largest variant p99: an upper bound of the endpoint's real
    /// p99, since percentiles do not add (the variant with the worst tail may serve few of the requests).
    static func combination(of kind: Kind) -> Combination {
        switch kind {
        case .invocations, .errors4xx, .errors5xx: return .sum
        case .latencyAvg, .overhead: return .weightedByInvocations
        case .latencyP99, .cpu, .memory: return .maximum
        }
    }

    /// Endpoint-level results (ids `m<index>_<kind>`, as `metrics(from:)` reads them) for each deployment with
    /// production variants, combined from its production variants' results (`variantQueries`). Shadow variants are
    /// left out: they receive copies of requests, not callers' requests (they are judged on their own).
    public static func aggregatedResults(
        from results: [MetricDataResult], deployments: [EndpointDeployment]
    ) -> [MetricDataResult] {
        var byId: [String: [Date: Double]] = [:]
        for result in results {
            guard let id = result.id else { continue }
            for (time, value) in zip(result.timestamps ?? [], result.values ?? []) where value.isFinite {
                byId[id, default: [:]][time] = byId[id]?[time] ?? value
            }
        }
        var out: [MetricDataResult] = []
        for (index, deployment) in deployments.enumerated() where hasVariantQueries(deployment) {
            let positions = deployment.variants.indices.filter { deployment.variants[$0].role == .production }
            func series(_ kind: Kind) -> [[Date: Double]] {
                positions.map { byId[variantQueryId(endpoint: index, variant: $0, kind: kind)] ?? [:] }
            }
            let invocations = series(.invocations)
            for kind in Kind.allCases {
                let combined = combine(series(kind), how: combination(of: kind), invocations: invocations)
                guard !combined.isEmpty else { continue }
                let times = combined.keys.sorted()
                out.append(
                    MetricDataResult(
                        id: queryId(endpoint: index, kind: kind), timestamps: times,
                        values: times.map { combined[$0] ?? 0 }
                    ))
            }
        }
        return out
    }

    /// One series from each variant's series (`invocations` in the same variant order, for the weights). A minute
    /// whose variants all had no invocations gets the plain mean of their averages rather than nothing.
    static func combine(
        _ series: [[Date: Double]], how: Combination, invocations: [[Date: Double]]
    ) -> [Date: Double] {
        var combined: [Date: Double] = [:]
        let times = Set(series.flatMap(\.keys))
        for time in times {
            let present = series.indices.compactMap { i in series[i][time].map { (i, $0) } }
            switch how {
            case .sum:
                combined[time] = present.map(\.1).reduce(0, +)
            case .maximum:
                combined[time] = present.map(\.1).max()
            case .weightedByInvocations:
                let weights = present.map { invocations[$0.0][time] ?? 0 }
                let total = weights.reduce(0, +)
                if total > 0 {
                    combined[time] = zip(present, weights).map { $0.1 * $1 }.reduce(0, +) / total
                } else {
                    combined[time] = present.map(\.1).reduce(0, +) / Double(present.count)
                }
            }
        }
        return combined
    }
}
