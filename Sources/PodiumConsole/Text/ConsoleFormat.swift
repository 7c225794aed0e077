import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Short, stable text forms for numbers, times and ARNs in the console.
public enum ConsoleFormat {
    /// `hh:mm:ss` in the local time zone.
    public static func clock(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&time, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// `5s`, `3m`, `2h`, `4d` (how long ago).
    public static func age(_ seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 { return "\(s / 3600)h" }
        return "\(s / 86400)d"
    }

    /// The age of `date` at `now`.
    public static func age(of date: Date, now: Date) -> String { age(now.timeIntervalSince(date)) }

    /// `1:05` / `12:03:09` (elapsed time).
    public static func elapsed(_ seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60) }
        return String(format: "%d:%02d", s / 60, s % 60)
    }

    /// `0.4%`, `12%`, `–` without data.
    public static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        if value >= 10 { return String(format: "%.0f%%", value) }
        return String(format: "%.1f%%", value)
    }

    /// `45ms`, `1.2s`, `–` without data.
    public static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        if value >= 1000 { return String(format: "%.1fs", value / 1000) }
        return String(format: "%.0fms", value)
    }

    /// `120`, `1.2k`, `–` without data.
    public static func rate(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        if value >= 10_000 { return String(format: "%.0fk", value / 1000) }
        if value >= 1000 { return String(format: "%.1fk", value / 1000) }
        return String(format: "%.0f", value)
    }

    /// The last path of an ARN's resource (`assumed-role/podium-promoter/alice` → `podium-promoter/alice`).
    public static func shortActor(_ arn: String) -> String {
        guard arn.hasPrefix("arn:") else { return arn }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return arn }
        let resource = parts[5].split(separator: "/")
        if resource.count >= 3 { return resource.suffix(2).joined(separator: "/") }
        return String(parts[5])
    }

    /// The caller ARN shortened for the status bar: `assumed-role/podium-promoter/alice@222222222222`.
    public static func identity(arn: String, account: String) -> String {
        guard arn.hasPrefix("arn:") else { return arn }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return arn }
        return "\(parts[5])@\(account)"
    }
}
