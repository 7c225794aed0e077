import AWSCore
import Foundation
import Testing

/// The adaptive retry mode's arithmetic against botocore's own: every expected value below was printed by
/// botocore 1.x's `CubicCalculator`, `RateClocker`, `TokenBucket` and `ClientRateLimiter` (`botocore/retries/`)
/// driven with the same inputs and a fake clock.
@Suite struct AdaptiveRateLimitingTests {
    @Test func cubicCurveMatchesBotocore() {
        var cubic = CubicCalculator(startingMaxRate: 10, startTime: 0)
        #expect(abs(cubic.k - 1.9574338205844317) < 1e-12)
        let expected = [7.0, 9.6489360097, 10.0000308499, 10.4532845208, 13.4086970222, 21.2662683543]
        for (time, rate) in zip([0.0, 1, 2, 3, 4, 5], expected) {
            #expect(abs(cubic.successReceived(at: time) - rate) < 1e-9, "t=\(time)")
        }
        // A throttle at t=1 while sending at 10/s: 70% now, and the curve restarts from t=1.
        #expect(cubic.errorReceived(currentRate: 10, at: 1) == 7)
        #expect(cubic.lastFail == 1)
        #expect(abs(cubic.successReceived(at: 2) - 9.6489360097) < 1e-9)
        #expect(abs(cubic.successReceived(at: 3) - 10.0000308499) < 1e-9)
        #expect(abs(cubic.successReceived(at: 6) - 21.2662683543) < 1e-9)
    }

    @Test func measuredRateMatchesBotocore() {
        var clocker = RateClocker(now: 0)
        let samples: [(Double, Double)] = [
            (0.1, 0), (0.2, 0), (0.4, 0), (0.5, 6.4), (0.6, 6.4), (0.9, 6.4), (1.0, 6.08), (1.2, 6.08),
            (1.6, 4.416), (2.0, 2.4832), (2.1, 2.4832),
        ]
        for (time, rate) in samples {
            #expect(abs(clocker.record(at: time) - rate) < 1e-9, "t=\(time)")
        }
    }

    @Test func tokenBucketFillsAndWaitsAsBotocore() {
        var bucket = TokenBucket(maxRate: 10)
        #expect(bucket.maxCapacity == 10)
        // Empty at first: one token is 0.1 s away at 10/s.
        #expect(bucket.tryAcquire(at: 0) == 0.1)
        #expect(bucket.tryAcquire(at: 0.5) == nil)
        #expect(bucket.currentCapacity == 4)
        #expect(bucket.tryAcquire(at: 2) == nil)
        #expect(bucket.currentCapacity == 9)  // capped at 10, one taken
        // Below the minimum: botocore keeps 0.5/s and a capacity of one token.
        bucket.setMaxRate(0.25, at: 2)
        #expect(bucket.fillRate == 0.5)
        #expect(bucket.maxCapacity == 1)
        #expect(bucket.currentCapacity == 1)
    }

    @Test func limiterFollowsBotocoreThroughThrottles() async {
        let clock = ManualSeconds()
        let limiter = ClientRateLimiter(now: { clock.now }, sleeper: RecordingSleeper())
        let sequence: [(time: Double, throttled: Bool, measured: Double, rate: Double, enabled: Bool)] = [
            (0.2, false, 0, 0.5, false), (0.4, false, 0, 0.5, false), (0.6, false, 4.8, 0.5, false),
            (0.8, false, 4.8, 0.5, false), (1.0, false, 4.16, 0.5, false), (1.2, false, 4.16, 0.6912, false),
            (1.4, true, 4.16, 2.912, true), (1.6, false, 5.632, 3.3575064674, true),
            (2.0, false, 2.7264, 3.9044855322, true), (2.5, true, 2.14528, 1.501696, true),
            (3.0, false, 2.029056, 2.0240099887, true), (4.0, false, 1.2058112, 2.1594226277, true),
            (5.0, false, 1.04116224, 2.08232448, true),
        ]
        for step in sequence {
            clock.now = step.time
            await limiter.afterResponse(throttled: step.throttled)
            #expect(abs(await limiter.measuredRate - step.measured) < 1e-9, "t=\(step.time)")
            #expect(abs(await limiter.sendRate - step.rate) < 1e-9, "t=\(step.time)")
            #expect(await limiter.enabled == step.enabled, "t=\(step.time)")
        }
    }

    @Test func beforeSendWaitsOnlyAfterAThrottle() async throws {
        let clock = ManualSeconds()
        let sleeper = RecordingSleeper()
        let limiter = ClientRateLimiter(now: { clock.now }, sleeper: sleeper)
        // Not enabled: no token needed, however fast.
        for _ in 0..<5 { try await limiter.beforeSend() }
        #expect(await sleeper.delays.isEmpty)
        // Enabled with an empty bucket at 0.5/s: the limiter sleeps; the recording sleeper returns at once and
        // the clock has not moved, so it asks again - advance the clock from the sleeper to let it through.
        let advancing = AdvancingSleeper(clock: clock)
        let limited = ClientRateLimiter(now: { clock.now }, sleeper: advancing)
        await limited.afterResponse(throttled: true)
        try await limited.beforeSend()
        let waits = await advancing.delays
        #expect(!waits.isEmpty)
        #expect(waits.allSatisfy { $0 > .zero })
    }
}

/// A settable clock in seconds.
final class ManualSeconds: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Double = 0

    var now: Double {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// A sleeper that moves a `ManualSeconds` forward by the requested time instead of waiting.
actor AdvancingSleeper: AWSSleeper {
    let clock: ManualSeconds
    private(set) var delays: [Duration] = []

    init(clock: ManualSeconds) {
        self.clock = clock
    }

    func sleep(for duration: Duration) async throws {
        delays.append(duration)
        let (seconds, attoseconds) = duration.components
        clock.now += Double(seconds) + Double(attoseconds) / 1e18
    }
}
