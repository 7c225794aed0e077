/// The token bucket of botocore's adaptive mode (`botocore/retries/bucket.py`): it fills at `maxRate` tokens per
/// second up to `maxRate` tokens (at least one), and each request takes one. A value type with the time passed in,
/// so the arithmetic is tested without a clock; `ClientRateLimiter` does the waiting.
public struct TokenBucket: Sendable, Equatable {
    /// The lowest fill rate, in tokens per second.
    public let minRate: Double
    /// The fill rate, in tokens per second (never below `minRate`).
    public private(set) var fillRate: Double
    /// The most tokens the bucket holds.
    public private(set) var maxCapacity: Double
    /// The tokens available now.
    public private(set) var currentCapacity: Double = 0
    private var lastTimestamp: Double?

    /// Creates an empty bucket filling at `maxRate`.
    public init(maxRate: Double, minRate: Double = 0.5) {
        self.minRate = minRate
        fillRate = max(maxRate, minRate)
        maxCapacity = max(maxRate, 1)
    }

    /// Sets the fill rate (and the capacity) at `now`, as botocore's `max_rate` setter does.
    public mutating func setMaxRate(_ value: Double, at now: Double) {
        refill(at: now)
        fillRate = max(value, minRate)
        maxCapacity = value >= 1 ? value : 1
        currentCapacity = min(currentCapacity, maxCapacity)
    }

    /// Takes `amount` tokens at `now` if they are there; otherwise returns how long to wait, in seconds, before
    /// trying again (nothing is taken).
    public mutating func tryAcquire(_ amount: Double = 1, at now: Double) -> Double? {
        refill(at: now)
        if amount <= currentCapacity {
            currentCapacity -= amount
            return nil
        }
        return (amount - currentCapacity) / fillRate
    }

    private mutating func refill(at now: Double) {
        guard let last = lastTimestamp else {
            lastTimestamp = now
            return
        }
        currentCapacity = min(maxCapacity, currentCapacity + (now - last) * fillRate)
        lastTimestamp = now
    }
}
