/// A warn/critical pair for one health signal.
public struct ThresholdPair: Sendable, Equatable, Codable {
    /// At or above this value the endpoint is `warn`.
    public var warn: Double
    /// At or above this value the endpoint is `critical`.
    public var critical: Double

    /// Creates a pair.
    public init(warn: Double, critical: Double) {
        self.warn = warn
        self.critical = critical
    }
}

/// The health thresholds of an environment.
public struct HealthThresholds: Sendable, Equatable, Codable {
    /// 5xx errors as a percentage of invocations.
    public var error5xxPercent: ThresholdPair?
    /// 4xx errors as a percentage of invocations.
    public var error4xxPercent: ThresholdPair?
    /// Model latency p99 in milliseconds.
    public var latencyP99Ms: ThresholdPair?

    /// Creates thresholds.
    public init(error5xxPercent: ThresholdPair?, error4xxPercent: ThresholdPair?, latencyP99Ms: ThresholdPair?) {
        self.error5xxPercent = error5xxPercent
        self.error4xxPercent = error4xxPercent
        self.latencyP99Ms = latencyP99Ms
    }

    /// The defaults when `thresholds:` is omitted: 5xx 1%/5%, 4xx 5%/20%, no latency threshold.
    public static let defaults = HealthThresholds(
        error5xxPercent: ThresholdPair(warn: 1, critical: 5),
        error4xxPercent: ThresholdPair(warn: 5, critical: 20),
        latencyP99Ms: nil)
}
