/// The measured send rate of botocore's adaptive mode (`RateClocker` in `botocore/retries/adaptive.py`):
/// responses are counted in half-second buckets, and each finished bucket updates an exponentially smoothed rate.
public struct RateClocker: Sendable, Equatable {
    /// The weight of the newest bucket.
    public let smoothing: Double
    /// The bucket width in seconds.
    public let bucketRange: Double
    /// The smoothed rate, in requests per second.
    public private(set) var measuredRate: Double = 0
    private var lastBucket: Double
    private var count: Double = 0

    /// Starts measuring at `now` (seconds of the limiter's clock).
    public init(now: Double, smoothing: Double = 0.8, bucketRange: Double = 0.5) {
        self.smoothing = smoothing
        self.bucketRange = bucketRange
        lastBucket = now.rounded(.down)
    }

    /// Counts `amount` responses at `now` and returns the measured rate.
    public mutating func record(at now: Double, amount: Double = 1) -> Double {
        let scale = 1 / bucketRange
        let bucket = (now * scale).rounded(.down) / scale
        count += amount
        if bucket > lastBucket {
            let current = count / (bucket - lastBucket)
            measuredRate = current * smoothing + measuredRate * (1 - smoothing)
            count = 0
            lastBucket = bucket
        }
        return measuredRate
    }
}
