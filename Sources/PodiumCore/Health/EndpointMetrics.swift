import Foundation

/// Per-minute series for one endpoint variant over the metrics window, oldest first, plus recent summaries.
public struct EndpointMetrics: Sendable, Equatable, Codable {
    /// Invocations per minute.
    public var invocations: [MetricPoint] = []
    /// 4xx errors as a percentage of invocations, per minute.
    public var error4xxPercent: [MetricPoint] = []
    /// 5xx errors as a percentage of invocations, per minute.
    public var error5xxPercent: [MetricPoint] = []
    /// Model latency average, milliseconds, per minute.
    public var latencyAvgMs: [MetricPoint] = []
    /// Model latency p99, milliseconds, per minute.
    public var latencyP99Ms: [MetricPoint] = []
    /// Overhead latency average, milliseconds, per minute.
    public var overheadLatencyMs: [MetricPoint] = []
    /// CPU utilisation, percent (summed over cores, as SageMaker reports it), per minute.
    public var cpuPercent: [MetricPoint] = []
    /// Memory utilisation, percent, per minute.
    public var memoryPercent: [MetricPoint] = []
    /// Serverless cold starts: the longest `ModelSetupTime` per minute, milliseconds (per-variant metrics only).
    public var modelSetupMs: [MetricPoint] = []

    /// Summaries over the evaluation period (the last few minutes), `nil` without data.
    public var recent: RecentMetrics = RecentMetrics()

    /// Creates empty metrics.
    public init() {}

    /// Whether any series has data.
    public var hasData: Bool {
        !(invocations.isEmpty && error4xxPercent.isEmpty && error5xxPercent.isEmpty && latencyAvgMs.isEmpty
            && latencyP99Ms.isEmpty && cpuPercent.isEmpty && memoryPercent.isEmpty && overheadLatencyMs.isEmpty)
    }
}

/// Summary values over the evaluation period, used for the verdict and one-line displays.
public struct RecentMetrics: Sendable, Equatable, Codable {
    /// Invocations per minute (average over the period).
    public var invocationsPerMinute: Double?
    /// 4xx errors / invocations over the period, percent.
    public var error4xxPercent: Double?
    /// 5xx errors / invocations over the period, percent.
    public var error5xxPercent: Double?
    /// Model latency average, ms.
    public var latencyAvgMs: Double?
    /// The worst per-minute model latency p99 in the period, ms.
    public var latencyP99Ms: Double?
    /// Overhead latency average, ms.
    public var overheadLatencyMs: Double?
    /// CPU utilisation, percent (latest minute).
    public var cpuPercent: Double?
    /// Memory utilisation, percent (latest minute).
    public var memoryPercent: Double?
    /// The longest serverless model setup (cold start) in the period, ms.
    public var modelSetupMs: Double?

    /// Creates empty summaries.
    public init() {}
}
