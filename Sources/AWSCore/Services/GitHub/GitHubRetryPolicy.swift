import Foundation

/// How `GitHubClient` retries. Reads (GET) are idempotent: a 5xx or a connection failure is retried with the AWS
/// client's capped, fully jittered exponential backoff (`RetryPolicy.backoff`). A rate-limit answer is retried,
/// for any method (GitHub refused it, so nothing happened), after the wait GitHub states, when that wait is
/// within `maxRateLimitWait`; otherwise the call fails at once with `GitHubError.rateLimited`, naming when to
/// try again. A workflow dispatch (POST) is never resent once it may have reached GitHub.
public struct GitHubRetryPolicy: Sendable, Equatable {
    /// Attempts of an idempotent call after 5xx answers or connection failures, the first included.
    public var maxAttempts: Int
    /// Backoff after a 5xx or a connection failure: `random × min(base^(attempt−1), maxBackoff)` seconds.
    public var backoff: RetryPolicy
    /// The longest podium waits for a rate limit to lift; a longer one fails with the time it lifts.
    public var maxRateLimitWait: Duration
    /// How many rate-limit waits one call may make.
    public var maxRateLimitRetries: Int
    /// GitHub's "wait for at least one minute" after a secondary limit that states no wait.
    public var minimumSecondaryWait: Duration

    /// For a promotion that follows a run: waits up to 2 minutes for a limit to lift.
    public static let standard = GitHubRetryPolicy()
    /// For a screen refresh: waits at most 10 seconds (the next refresh tries again).
    public static let interactive = GitHubRetryPolicy(maxRateLimitWait: .seconds(10))
    /// One attempt, no waiting.
    public static let none = GitHubRetryPolicy(maxAttempts: 1, maxRateLimitWait: .zero, maxRateLimitRetries: 0)

    /// Creates a policy.
    public init(
        maxAttempts: Int = 4, backoff: RetryPolicy = RetryPolicy(maxAttempts: 4, maxBackoff: 20, base: 2),
        maxRateLimitWait: Duration = .seconds(120), maxRateLimitRetries: Int = 3,
        minimumSecondaryWait: Duration = .seconds(60)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
        self.maxRateLimitWait = maxRateLimitWait
        self.maxRateLimitRetries = max(0, maxRateLimitRetries)
        self.minimumSecondaryWait = minimumSecondaryWait
    }

    /// GitHub's 5xx answers worth another try (the AWS standard mode's transient statuses).
    public static let transientStatuses = RetryPolicy.transientStatuses

    /// Whether a failed attempt that was not a rate-limit answer may be sent again. A refused connection never
    /// reached GitHub; anything else (a timeout, a reset, a 5xx) may have, so only idempotent methods are resent.
    public static func mayResend(method: String, failure: Failure) -> Bool {
        switch failure {
        case .transport(let error):
            if error == .cancelled { return false }
            // A refused connection never reached GitHub: safe for any method.
            if case .connectFailed = error { return true }
            return isIdempotent(method)
        case .status(let status):
            return transientStatuses.contains(status) && isIdempotent(method)
        }
    }

    /// GET and HEAD change nothing; a POST (the workflow dispatch) does.
    public static func isIdempotent(_ method: String) -> Bool {
        ["GET", "HEAD"].contains(method.uppercased())
    }

    /// A failure other than a rate limit.
    public enum Failure: Sendable, Equatable {
        /// No answer.
        case transport(TransportError)
        /// An HTTP error status.
        case status(Int)
    }

    /// `duration` in seconds.
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
