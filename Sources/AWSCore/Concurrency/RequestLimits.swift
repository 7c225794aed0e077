/// The politeness limits shared by every `AWSClient` of one account and region: the in-flight bound and, per
/// service, the adaptive rate limiter. `AWSClient.with(...)` copies share them; a client factory shares one value
/// per (credentials identity, region).
public final class RequestLimits: Sendable {
    /// At most this many requests in flight across the sharing clients.
    public let concurrency: RequestLimiter
    /// Whether throttling answers slow the sending clients down (botocore's `adaptive` retry mode).
    public let adaptive: Bool
    private let rateLimiters: [String: ClientRateLimiter]
    private let now: @Sendable () -> Double
    private let sleeper: any AWSSleeper

    /// The default in-flight bound (`aws.max_concurrent_requests` in Podium's config).
    public static let defaultMaxConcurrentRequests = 8

    /// Creates limits.
    /// - Parameters:
    ///   - maxConcurrentRequests: the most requests in flight (at least 1).
    ///   - adaptive: client-side rate limiting after throttles, one token bucket per service as botocore keeps
    ///     one per client.
    ///   - now: the rate limiters' clock in seconds (tests inject one).
    ///   - sleeper: how the rate limiters wait.
    public init(
        maxConcurrentRequests: Int = RequestLimits.defaultMaxConcurrentRequests, adaptive: Bool = true,
        now: @escaping @Sendable () -> Double = { ContinuousClock.secondsSinceStart() },
        sleeper: any AWSSleeper = TaskSleeper()
    ) {
        concurrency = RequestLimiter(limit: maxConcurrentRequests)
        self.adaptive = adaptive
        self.now = now
        self.sleeper = sleeper
        var limiters: [String: ClientRateLimiter] = [:]
        if adaptive {
            for service in AWSServiceDescription.all {
                limiters[service.serviceId] = ClientRateLimiter(now: now, sleeper: sleeper)
            }
        }
        rateLimiters = limiters
    }

    /// New limits with the same settings and nothing shared (another region is another quota).
    public func withSameSettings() -> RequestLimits {
        RequestLimits(maxConcurrentRequests: concurrency.limit, adaptive: adaptive, now: now, sleeper: sleeper)
    }

    /// The adaptive rate limiter of a service; `nil` when adaptive limiting is off.
    public func rateLimiter(for service: AWSServiceDescription) -> ClientRateLimiter? {
        rateLimiters[service.serviceId]
    }
}
