/// How politely podium talks to AWS (`aws:` in the config): the most requests in flight per account and region,
/// and whether throttling answers slow the client down (botocore's `adaptive` retry mode).
public struct AWSRequestSettings: Sendable, Equatable, Codable {
    /// The most requests in flight per account and region (`aws.max_concurrent_requests`, 1...64, default 8).
    public var maxConcurrentRequests: Int
    /// Client-side rate limiting after a throttle (`aws.adaptive_retry`, default true).
    public var adaptiveRetry: Bool

    /// The allowed range of `maxConcurrentRequests`.
    public static let concurrencyRange = 1...64

    /// Creates settings; the defaults are what podium uses without an `aws:` section.
    public init(maxConcurrentRequests: Int = 8, adaptiveRetry: Bool = true) {
        self.maxConcurrentRequests = maxConcurrentRequests
        self.adaptiveRetry = adaptiveRetry
    }
}
