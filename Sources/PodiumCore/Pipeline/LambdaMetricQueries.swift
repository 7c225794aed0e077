import AWSCore
import Foundation

/// The GetMetricData queries of trigger Lambdas (AWS/Lambda Invocations and Errors, summed per 5 minutes) and the
/// way back from results to each function's series. The ids (`lambda3_inv`, `lambda3_err`) never collide with the
/// health plan's (`m0_inv`, `m0v1_p99`), so the queries can ride in an environment's health call.
public enum LambdaMetricQueries {
    /// The period of a Lambda series: 5 minutes.
    public static let period = 300
    /// How far back a panel shows: the last hour.
    public static let shown: TimeInterval = 3600

    /// The window a panel's own GetMetricData asks for: from `shown` before `now`, aligned down to a period, to the
    /// end of the period holding `now` (CloudWatch answers best for aligned windows). The end must lie after `now`:
    /// CloudWatch (and moto, which drops the sub-second part) excludes points at or after `EndTime`, so an end of
    /// exactly `now` loses an invocation recorded in the current second.
    public static func window(endingAfter now: Date) -> (start: Date, end: Date) {
        let step = Double(period)
        let start = ((now.timeIntervalSince1970 - shown) / step).rounded(.down) * step
        let end = (now.timeIntervalSince1970 / step).rounded(.down) * step + step
        return (Date(timeIntervalSince1970: start), Date(timeIntervalSince1970: end))
    }

    /// The id of a function's query (`position` in the list the queries were made from).
    public static func queryId(position: Int, errors: Bool) -> String {
        "lambda\(position)_\(errors ? "err" : "inv")"
    }

    /// Two queries per function, in the order of `functions`.
    public static func queries(for functions: [String]) -> [MetricDataQuery] {
        functions.enumerated().flatMap { position, function in
            [false, true].map { errors in
                MetricDataQuery(
                    id: queryId(position: position, errors: errors),
                    metricStat: MetricStat(
                        metric: Metric(
                            namespace: "AWS/Lambda", metricName: errors ? "Errors" : "Invocations",
                            dimensions: [Dimension(name: "FunctionName", value: function)]),
                        period: period, stat: "Sum"),
                    returnData: true)
            }
        }
    }

    /// Each function's series (oldest first, points at or after `since`) from results of `queries(for: functions)`
    /// in any order and among any other results.
    public static func series(from results: [MetricDataResult], functions: [String], since: Date)
        -> [String: LambdaSeries]
    {
        var byId: [String: [(Date, Double)]] = [:]
        for result in results {
            guard let id = result.id, id.hasPrefix("lambda") else { continue }
            let points = zip(result.timestamps ?? [], result.values ?? []).filter { $0.0 >= since && $0.1.isFinite }
            byId[id, default: []] += points
        }
        func values(_ id: String) -> [Double] { (byId[id] ?? []).sorted { $0.0 < $1.0 }.map(\.1) }
        var out: [String: LambdaSeries] = [:]
        for (position, function) in functions.enumerated() {
            out[function] = LambdaSeries(
                invocations: values(queryId(position: position, errors: false)),
                errors: values(queryId(position: position, errors: true)))
        }
        return out
    }
}

/// One Lambda's Invocations and Errors per period, oldest first.
public struct LambdaSeries: Sendable, Equatable {
    /// Invocations per period.
    public var invocations: [Double]
    /// Errors per period.
    public var errors: [Double]

    /// Creates a series.
    public init(invocations: [Double] = [], errors: [Double] = []) {
        self.invocations = invocations
        self.errors = errors
    }
}
