import AWSCore
import Foundation

/// Where the trigger Lambdas' metrics meet the environment's health call. The machinery (pipeline screen) tells
/// the board which Lambdas live in an environment's own account and region; the environment's next health
/// refresh adds their queries to its one GetMetricData call and posts the results here; the machinery then reads
/// them instead of calling CloudWatch per Lambda (issue 13: "in the same GetMetricData call as the rest of that
/// environment"). Until a health refresh has carried them (or when its results are stale), the machinery fetches
/// them itself, in one call per client.
actor LambdaMetricsBoard {
    private struct Posted {
        var series: LambdaSeries
        var at: Date
    }

    private var functions: [String: [String]] = [:]
    private var posted: [String: [String: Posted]] = [:]

    /// Asks `environment`'s health refreshes to carry these functions' queries (the list replaces the last one).
    func subscribe(_ names: [String], environment: String) {
        functions[environment] = names
    }

    /// The functions whose queries `environment`'s health call carries, in query order.
    func subscribed(environment: String) -> [String] {
        functions[environment] ?? []
    }

    /// Posts the results of a health call that carried `names` (the list `subscribed` gave for it).
    func post(_ results: [MetricDataResult], functions names: [String], environment: String, at time: Date) {
        guard !names.isEmpty else { return }
        post(
            series: LambdaMetricQueries.series(
                from: results, functions: names, since: time.addingTimeInterval(-LambdaMetricQueries.shown)),
            environment: environment, at: time)
    }

    /// Posts series read at `time` for `environment`'s functions (by the machinery's own call, before any health
    /// refresh carried them).
    func post(series: [String: LambdaSeries], environment: String, at time: Date) {
        var board = posted[environment] ?? [:]
        for (name, value) in series { board[name] = Posted(series: value, at: time) }
        posted[environment] = board
    }

    /// A function's series posted for `environment` at or after `notBefore`, if any.
    func series(_ name: String, environment: String, notBefore: Date) -> LambdaSeries? {
        guard let entry = posted[environment]?[name], entry.at >= notBefore else { return nil }
        return entry.series
    }
}
