import Foundation

/// The SDKs' "standard" retry mode, as botocore's `retries/standard.py` implements it (legacy-compatible
/// default, i.e. without the 2026 opt-in changes): at most 3 attempts; a retry when the error is a throttling
/// code, a transient code, an HTTP 500/502/503/504, or a transport failure; backoff
/// `rand() × min(2^(attempt−1), 20 s)` where `attempt` is the 1-based number of the attempt that failed; and a
/// shared retry quota (`RetryQuota`).
public struct RetryPolicy: Sendable, Equatable {
    /// Total attempts including the first (botocore: 3).
    public var maxAttempts: Int
    /// The cap on one backoff delay, in seconds (botocore: 20).
    public var maxBackoff: Double
    /// The base of the exponential backoff (botocore: 2).
    public var base: Double

    /// The standard mode.
    public static let standard = RetryPolicy(maxAttempts: 3, maxBackoff: 20, base: 2)
    /// No retries: one attempt.
    public static let none = RetryPolicy(maxAttempts: 1, maxBackoff: 0, base: 2)

    /// Creates a policy.
    public init(maxAttempts: Int = 3, maxBackoff: Double = 20, base: Double = 2) {
        self.maxAttempts = max(1, maxAttempts)
        self.maxBackoff = maxBackoff
        self.base = base
    }

    /// botocore `ThrottledRetryableChecker._THROTTLED_ERROR_CODES`.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    /// botocore `TransientRetryableChecker._TRANSIENT_ERROR_CODES`.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
    ]
    /// botocore `TransientRetryableChecker._TRANSIENT_STATUS_CODES`.
    public static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// The delay before the next attempt, after attempt number `failedAttempt` (1-based) failed;
    /// `random` is uniform in [0, 1).
    public func backoff(afterAttempt failedAttempt: Int, random: Double) -> Duration {
        let exponent = Double(max(0, failedAttempt - 1))
        let seconds = random * min(pow(base, exponent), maxBackoff)
        return .nanoseconds(Int64((seconds * 1_000_000_000).rounded()))
    }
}

/// The outcome of one attempt, as the retry logic sees it.
public enum RetryOutcome: Sendable, Equatable {
    /// A service error response.
    case serviceError(code: String, httpStatus: Int, isRetryable: Bool, isThrottling: Bool)
    /// No response: a transport failure.
    case transport(TransportError)

    /// Whether standard mode retries it (subject to attempts left and the quota).
    public var isRetryable: Bool {
        switch self {
        case .serviceError(_, _, let retryable, _): return retryable
        case .transport(let error): return error != .cancelled
        }
    }

    /// The quota cost of retrying it: 10 after a timeout, 5 otherwise (botocore `RetryQuotaChecker`).
    public var quotaCost: Int {
        if case .transport(.timedOut) = self { return RetryQuota.timeoutRetryCost }
        return RetryQuota.retryCost
    }
}

/// botocore's retry quota: a bucket of 500 tokens shared by the calls of one client. A retry takes 5 (10 after
/// a timeout); a call that succeeds without retrying gives back 1, and one that succeeds after retrying gives
/// back what its last retry took. With the bucket empty, errors are returned instead of retried.
public actor RetryQuota {
    /// The initial and maximum capacity (500).
    public static let initialCapacity = 500
    /// The cost of one retry (5).
    public static let retryCost = 5
    /// The cost of a retry after a timeout (10).
    public static let timeoutRetryCost = 10
    /// What a call that succeeded on its first attempt gives back (1).
    public static let noRetryIncrement = 1

    private let maxCapacity: Int
    /// The tokens left.
    public private(set) var available: Int

    /// Creates a full bucket.
    public init(capacity: Int = RetryQuota.initialCapacity) {
        maxCapacity = capacity
        available = capacity
    }

    /// Takes `amount` tokens if that many are left.
    public func acquire(_ amount: Int) -> Bool {
        guard amount <= available else { return false }
        available -= amount
        return true
    }

    /// Gives back up to `amount` tokens, never above the capacity.
    public func release(_ amount: Int) {
        available = min(maxCapacity, available + amount)
    }
}

/// Waits between retries. Injected so tests record the delays instead of sleeping.
public protocol AWSSleeper: Sendable {
    /// Suspends for `duration`; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real sleeper: `Task.sleep`.
public struct TaskSleeper: AWSSleeper {
    /// Creates the sleeper.
    public init() {}

    /// Sleeps with `Task.sleep`, which throws on cancellation.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}

/// A sleeper for tests: records each requested delay and returns at once.
public actor RecordingSleeper: AWSSleeper {
    /// The delays asked for, in order.
    public private(set) var delays: [Duration] = []

    /// Creates an empty recorder.
    public init() {}

    /// Records the delay without waiting.
    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        delays.append(duration)
    }
}

/// A source of uniform random numbers in [0, 1), injected so tests can fix the jitter.
public struct AWSRandom: Sendable {
    private let next: @Sendable () -> Double

    /// Wraps a closure.
    public init(_ next: @escaping @Sendable () -> Double) {
        self.next = next
    }

    /// The system generator.
    public static let system = AWSRandom { Double.random(in: 0..<1) }

    /// Always the same value (tests).
    public static func constant(_ value: Double) -> AWSRandom { AWSRandom { value } }

    /// The next number.
    public func callAsFunction() -> Double { next() }
}
