import Foundation

/// One per-minute value of a metric series.
public struct MetricPoint: Sendable, Equatable, Codable {
    /// The start of the minute.
    public var time: Date
    /// The value.
    public var value: Double

    /// Creates a point.
    public init(time: Date, value: Double) {
        self.time = time
        self.value = value
    }
}
