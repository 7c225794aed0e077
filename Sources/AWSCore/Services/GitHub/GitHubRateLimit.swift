import Foundation

/// What a GitHub answer says about rate limits, read from its status, headers and message as GitHub documents it
/// ("Rate limits for the REST API", docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api):
///
/// - primary limit: HTTP 403 or 429 with `x-ratelimit-remaining: 0`; do not retry before `x-ratelimit-reset`
///   (UTC epoch seconds);
/// - secondary limit: HTTP 403 or 429 whose message says so; wait `retry-after` seconds when present, else until
///   `x-ratelimit-reset` when the remaining count is 0, else at least one minute, growing exponentially;
/// - any other 403 is a permission problem and is never retried.
public struct GitHubRateLimit: Sendable, Equatable {
    /// Which of GitHub's limits was hit.
    public enum Kind: String, Sendable, Equatable {
        /// The hourly request budget (`x-ratelimit-remaining: 0`).
        case primary
        /// A burst or concurrency limit (GitHub's message says "secondary rate limit").
        case secondary
    }

    /// The limit hit.
    public var kind: Kind
    /// The `retry-after` header, in seconds, when present.
    public var retryAfter: Double?
    /// The `x-ratelimit-reset` time, when present.
    public var resetAt: Date?
    /// Whether `x-ratelimit-remaining` was 0.
    public var exhausted: Bool

    /// Creates a signal.
    public init(kind: Kind, retryAfter: Double? = nil, resetAt: Date? = nil, exhausted: Bool = false) {
        self.kind = kind
        self.retryAfter = retryAfter
        self.resetAt = resetAt
        self.exhausted = exhausted
    }

    /// The rate limit a response reports, or `nil` when it is not a rate-limit answer (a 403 without GitHub's
    /// signs is a permission problem). `message` is GitHub's `message` member, `now` reads an HTTP-date
    /// `retry-after`.
    public static func from(_ response: HTTPResponse, message: String?, now: Date) -> GitHubRateLimit? {
        guard response.status == 403 || response.status == 429 else { return nil }
        let exhausted = response.header("x-ratelimit-remaining")?.trimmingCharacters(in: .whitespaces) == "0"
        let resetAt = reset(response)
        let retryAfter = retryAfter(response, now: now)
        let text = (message ?? "").lowercased()
        let secondary =
            text.contains("secondary rate limit") || text.contains("abuse detection") || retryAfter != nil
        if secondary {
            return GitHubRateLimit(kind: .secondary, retryAfter: retryAfter, resetAt: resetAt, exhausted: exhausted)
        }
        if exhausted { return GitHubRateLimit(kind: .primary, resetAt: resetAt, exhausted: true) }
        // A bare 429 is "too many requests" whatever the body says; a bare 403 is a permission problem.
        return response.status == 429 ? GitHubRateLimit(kind: .secondary) : nil
    }

    /// The moment `x-ratelimit-reset` names, from any response (also a successful one whose budget is now spent).
    public static func reset(_ response: HTTPResponse) -> Date? {
        guard let text = response.header("x-ratelimit-reset")?.trimmingCharacters(in: .whitespaces),
            let seconds = Double(text), seconds.isFinite, seconds > 0
        else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// Whether a response says the primary budget is spent (`x-ratelimit-remaining: 0`) and when it comes back.
    public static func spentUntil(_ response: HTTPResponse) -> Date? {
        guard response.header("x-ratelimit-remaining")?.trimmingCharacters(in: .whitespaces) == "0" else {
            return nil
        }
        return reset(response)
    }

    /// `retry-after` as seconds (RFC 9110: delay-seconds or an HTTP-date); `nil` when absent or unreadable.
    static func retryAfter(_ response: HTTPResponse, now: Date) -> Double? {
        guard let text = response.header("retry-after")?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        if let seconds = Double(text), seconds.isFinite, seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// How long to wait before the next attempt, in seconds: `retry-after`, else the reset when the budget is
    /// spent, else (a secondary limit that says nothing) one minute doubled for each earlier secondary retry.
    public func wait(now: Date, secondaryRetries: Int, minimumSecondaryWait: Double) -> Double {
        if let retryAfter { return retryAfter }
        if exhausted || kind == .primary, let resetAt {
            // One second more: the reset is whole seconds and clocks differ a little.
            return max(0, resetAt.timeIntervalSince(now)) + 1
        }
        return minimumSecondaryWait * pow(2, Double(max(0, secondaryRetries)))
    }
}
