/// Client-side rate limiting on throttles, as botocore's `adaptive` retry mode does (`ClientRateLimiter` in
/// `botocore/retries/adaptive.py`). It does nothing until the first throttling answer; from then on each request
/// takes a token from a `TokenBucket` whose fill rate follows the `CubicCalculator` curve: cut to 70% of the
/// measured send rate on each throttle, growing back on successes, and never above twice the measured rate.
///
/// Shared by every client of one account and region (throttling limits are per account and region).
public actor ClientRateLimiter {
    /// The clock, in seconds; injected so tests drive time.
    public nonisolated let now: @Sendable () -> Double
    private let sleeper: any AWSSleeper
    private var cubic: CubicCalculator
    private var clocker: RateClocker
    private var bucket: TokenBucket
    /// Whether a throttle has been seen (only then are requests held back).
    public private(set) var enabled = false
    private static let maxRateAdjustScale = 2.0

    /// Creates a limiter with botocore's starting values (a maximum rate of 0 for the curve, 1 for the bucket).
    public init(
        now: @escaping @Sendable () -> Double = { ContinuousClock.secondsSinceStart() },
        sleeper: any AWSSleeper = TaskSleeper()
    ) {
        self.now = now
        self.sleeper = sleeper
        let start = now()
        cubic = CubicCalculator(startingMaxRate: 0, startTime: start)
        clocker = RateClocker(now: start)
        bucket = TokenBucket(maxRate: 1)
    }

    /// The bucket's fill rate, in requests per second.
    public var sendRate: Double { bucket.fillRate }
    /// The measured rate of responses, in requests per second.
    public var measuredRate: Double { clocker.measuredRate }

    /// Waits for a token before a request is sent (no wait before the first throttle).
    /// - Throws: `CancellationError` (from the sleeper) when the task is cancelled while waiting.
    public func beforeSend() async throws {
        guard enabled else { return }
        while let wait = bucket.tryAcquire(at: now()) {
            try await sleeper.sleep(for: .nanoseconds(Int64((wait * 1_000_000_000).rounded(.up))))
        }
    }

    /// Records a response (or a failure without one): a throttle lowers the rate, anything else lets it grow.
    public func afterResponse(throttled: Bool) {
        let measured = clocker.record(at: now())
        let timestamp = now()
        let newRate: Double
        if throttled {
            let rateToUse = enabled ? min(measured, bucket.fillRate) : measured
            newRate = cubic.errorReceived(currentRate: rateToUse, at: timestamp)
            enabled = true
        } else {
            newRate = cubic.successReceived(at: timestamp)
        }
        bucket.setMaxRate(min(newRate, Self.maxRateAdjustScale * measured), at: timestamp)
    }
}

extension ContinuousClock {
    private static let origin = ContinuousClock.now

    /// Seconds since the first use of this function: a monotonic clock for rate arithmetic.
    public static func secondsSinceStart() -> Double {
        let elapsed = ContinuousClock.now - origin
        let (seconds, attoseconds) = elapsed.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
