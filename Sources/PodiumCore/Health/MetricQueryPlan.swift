import AWSCore
import Foundation

/// Builds the GetMetricData queries for all endpoints of an environment and turns the results into series.
public enum MetricQueryPlan {
    /// CloudWatch's limit of queries per GetMetricData call (AWSCore's `CloudWatchClient` owns it).
    public static let maxQueriesPerCall = CloudWatchClient.maxQueriesPerCall
    /// The period of every series: one minute.
    public static let period = 60

    /// One metric podium reads per endpoint variant.
    public enum Kind: String, CaseIterable, Sendable {
        case invocations = "inv"
        case errors4xx = "e4"
        case errors5xx = "e5"
        case latencyAvg = "lat"
        case latencyP99 = "p99"
        case overhead = "ovh"
        case cpu = "cpu"
        case memory = "mem"

        var namespace: String {
            switch self {
            case .cpu, .memory: return "/aws/sagemaker/Endpoints"
            default: return "AWS/SageMaker"
            }
        }

        var metricName: String {
            switch self {
            case .invocations: return "Invocations"
            case .errors4xx: return "Invocation4XXErrors"
            case .errors5xx: return "Invocation5XXErrors"
            case .latencyAvg, .latencyP99: return "ModelLatency"
            case .overhead: return "OverheadLatency"
            case .cpu: return "CPUUtilization"
            case .memory: return "MemoryUtilization"
            }
        }

        var stat: String {
            switch self {
            case .invocations, .errors4xx, .errors5xx: return "Sum"
            case .latencyP99: return "p99"
            default: return "Average"
            }
        }
    }

    /// The query id for an endpoint index and metric: `m3_p99`.
    public static func queryId(endpoint index: Int, kind: Kind) -> String { "m\(index)_\(kind.rawValue)" }

    /// All queries for these endpoints (8 per endpoint), in one list.
    public static func queries(for endpoints: [EndpointSpec]) -> [MetricDataQuery] {
        endpoints.enumerated().flatMap { index, spec in
            endpointQueries(index: index, endpoint: spec.name, variant: spec.variant)
        }
    }

    /// The endpoint-level queries for what these deployments run (8 per endpoint; indexes as in `deployments`):
    /// under the name the endpoint really gives its one production variant (a stack may name it otherwise than the
    /// config), and none for an endpoint with `variants`, whose endpoint-level series are the aggregate of its
    /// production variants' own queries (`aggregatedResults`), so nothing is read twice.
    public static func queries(for deployments: [EndpointDeployment]) -> [MetricDataQuery] {
        deployments.enumerated().flatMap { index, deployment in
            guard !hasVariantQueries(deployment) else { return [MetricDataQuery]() }
            return endpointQueries(
                index: index, endpoint: deployment.endpointName, variant: measuredVariant(deployment))
        }
    }

    /// The variant name an endpoint without `variants` is measured under: the one DescribeEndpoint reported, else
    /// the config's.
    public static func measuredVariant(_ deployment: EndpointDeployment) -> String {
        deployment.productionVariantName ?? deployment.spec.variant
    }

    /// Whether the endpoint-level series come from the production variants' queries.
    static func hasVariantQueries(_ deployment: EndpointDeployment) -> Bool {
        deployment.variants.contains { $0.role == .production }
    }

    private static func endpointQueries(index: Int, endpoint: String, variant: String) -> [MetricDataQuery] {
        Kind.allCases.map { kind in
            MetricDataQuery(
                id: queryId(endpoint: index, kind: kind),
                metricStat: MetricStat(
                    metric: Metric(
                        namespace: kind.namespace, metricName: kind.metricName,
                        dimensions: [
                            Dimension(name: "EndpointName", value: endpoint),
                            Dimension(name: "VariantName", value: variant),
                        ]),
                    period: period, stat: kind.stat),
                returnData: true)
        }
    }

    /// The GetMetricData window for `span` ending at `end`: the start aligned down to a minute, the end rounded up to
    /// a minute plus one (CloudWatch excludes points at `EndTime`, and moto also drops its sub-second part, so the
    /// minute holding `end` must lie wholly inside).
    public static func window(endingAt end: Date, span seconds: TimeInterval) -> (start: Date, end: Date) {
        let minute = 60.0
        let endTime = (end.timeIntervalSince1970 / minute).rounded(.up) * minute + minute
        let startTime = ((end.timeIntervalSince1970 - seconds) / minute).rounded(.down) * minute
        return (Date(timeIntervalSince1970: startTime), Date(timeIntervalSince1970: endTime))
    }

    /// The GetMetricData calls these queries take (one call for up to 62 plain endpoints); the split itself is
    /// `CloudWatchClient.batches`, which `getMetricDataInBatches` uses.
    public static func batches(_ queries: [MetricDataQuery]) -> [[MetricDataQuery]] {
        CloudWatchClient.batches(queries)
    }

    /// Turns the results into one `EndpointMetrics` per endpoint (same order), with summaries over the
    /// evaluation period that ends at `now`.
    public static func metrics(
        from results: [MetricDataResult], endpointCount: Int, now: Date, evaluationPeriod: Duration
    ) -> [EndpointMetrics] {
        var byId: [String: [MetricPoint]] = [:]
        for result in results {
            guard let id = result.id else { continue }
            let times = result.timestamps ?? []
            let values = result.values ?? []
            var points = byId[id] ?? []
            for (time, value) in zip(times, values) where value.isFinite {
                points.append(MetricPoint(time: time, value: value))
            }
            byId[id] = points
        }
        let since = now.addingTimeInterval(-DurationFormat.seconds(evaluationPeriod))
        return (0..<endpointCount).map { index in
            func series(_ kind: Kind) -> [MetricPoint] {
                (byId[queryId(endpoint: index, kind: kind)] ?? []).sorted { $0.time < $1.time }
            }
            let invocations = series(.invocations)
            let e4 = series(.errors4xx)
            let e5 = series(.errors5xx)
            var m = EndpointMetrics()
            m.invocations = invocations
            m.error4xxPercent = rates(errors: e4, invocations: invocations)
            m.error5xxPercent = rates(errors: e5, invocations: invocations)
            m.latencyAvgMs = series(.latencyAvg).map { MetricPoint(time: $0.time, value: $0.value / 1000) }
            m.latencyP99Ms = series(.latencyP99).map { MetricPoint(time: $0.time, value: $0.value / 1000) }
            m.overheadLatencyMs = series(.overhead).map { MetricPoint(time: $0.time, value: $0.value / 1000) }
            m.cpuPercent = series(.cpu)
            m.memoryPercent = series(.memory)

            func recent(_ points: [MetricPoint]) -> [MetricPoint] { points.filter { $0.time >= since } }
            var r = RecentMetrics()
            let recentInvocations = recent(invocations)
            let totalInvocations = recentInvocations.map(\.value).reduce(0, +)
            let minutes = max(1, DurationFormat.seconds(evaluationPeriod) / 60)
            if !recentInvocations.isEmpty { r.invocationsPerMinute = totalInvocations / minutes }
            if totalInvocations > 0 {
                r.error4xxPercent = recent(e4).map(\.value).reduce(0, +) / totalInvocations * 100
                r.error5xxPercent = recent(e5).map(\.value).reduce(0, +) / totalInvocations * 100
            }
            r.latencyAvgMs = average(recent(m.latencyAvgMs))
            r.latencyP99Ms = recent(m.latencyP99Ms).map(\.value).max()
            r.overheadLatencyMs = average(recent(m.overheadLatencyMs))
            r.cpuPercent = recent(m.cpuPercent).last?.value
            r.memoryPercent = recent(m.memoryPercent).last?.value
            m.recent = r
            return m
        }
    }

    /// Per-minute error percentages, for the minutes that had invocations.
    static func rates(errors: [MetricPoint], invocations: [MetricPoint]) -> [MetricPoint] {
        let errorsByTime = Dictionary(errors.map { ($0.time, $0.value) }, uniquingKeysWith: +)
        return invocations.compactMap { point in
            guard point.value > 0 else { return nil }
            return MetricPoint(time: point.time, value: (errorsByTime[point.time] ?? 0) / point.value * 100)
        }
    }

    private static func average(_ points: [MetricPoint]) -> Double? {
        points.isEmpty ? nil : points.map(\.value).reduce(0, +) / Double(points.count)
    }
}
