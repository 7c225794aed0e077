import Foundation

/// Builds and reads the `ApprovalDescription` podium writes: `<comment> — <approved|rejected> by <ARN> at <time>`.
public enum ApprovalDescription {
    /// SageMaker's limit for `ApprovalDescription`.
    public static let maxLength = 1024

    /// The description for a decision; the comment is shortened (with `…`) so the whole stays within 1024 characters.
    public static func make(comment: String, decision: ApprovalStatus, callerArn: String, at time: Date) -> String {
        let verb = decision == .approved ? "approved" : decision == .rejected ? "rejected" : "reset to pending"
        let suffix = " — \(verb) by \(callerArn) at \(ISO8601.string(time))"
        let cleaned = comment.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        let room = maxLength - suffix.count
        guard room > 1 else { return String(suffix.dropFirst(3).prefix(maxLength)) }
        let body = cleaned.count <= room ? cleaned : String(cleaned.prefix(room - 1)) + "…"
        return body + suffix
    }

    /// The actor and time from a description podium wrote, if it is one.
    public static func parse(_ description: String) -> (actor: String, time: Date?)? {
        guard let byRange = description.range(of: " by ", options: .backwards) else { return nil }
        let tail = description[byRange.upperBound...]
        let parts = tail.components(separatedBy: " at ")
        let separators = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "|"))
        guard parts.count >= 2, let actor = parts.first?.trimmingCharacters(in: separators), actor.hasPrefix("arn:")
        else { return nil }
        return (actor, ISO8601.date(parts[1].trimmingCharacters(in: separators)))
    }
}

/// ISO 8601 in UTC, seconds precision, as used in JSON output and the audit log.
public enum ISO8601 {
    /// `2026-11-27T02:39:30Z`
    public static func string(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// Parses `2026-11-27T02:39:30Z` (fractional seconds tolerated).
    public static func date(_ text: String) -> Date? {
        if let d = try? Date(text, strategy: .iso8601) { return d }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}
