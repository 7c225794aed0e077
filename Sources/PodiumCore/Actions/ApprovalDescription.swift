import Foundation

/// Builds and reads the `ApprovalDescription` podium writes: `<comment> — <approved|rejected> by <ARN> at <time>`.
public enum ApprovalDescription {
    /// SageMaker's limit for `ApprovalDescription`.
    public static let maxLength = 1024

    /// The description for a decision; the comment is shortened (with `…`) so the whole stays within 1024
    /// characters. Characters are counted in UTF-16 code units, as SageMaker's (Java) length check does, so an
    /// emoji never pushes a description over the limit. Control characters and line breaks (which SageMaker's
    /// pattern `.*` does not match) become spaces.
    public static func make(comment: String, decision: ApprovalStatus, callerArn: String, at time: Date) -> String {
        let verb = decision == .approved ? "approved" : decision == .rejected ? "rejected" : "reset to pending"
        let suffix = " — \(verb) by \(callerArn) at \(ISO8601.string(time))"
        let cleaned = singleLine(comment).trimmingCharacters(in: .whitespaces)
        let room = maxLength - suffix.utf16.count
        guard room > 1 else { return String(String(suffix.dropFirst(3)).utf16.prefix(maxLength)) ?? "" }
        if cleaned.utf16.count <= room { return cleaned + suffix }
        var body = ""
        var used = 0
        for character in cleaned {
            let width = character.utf16.count
            if used + width > room - 1 { break }
            body.append(character)
            used += width
        }
        return body + "…" + suffix
    }

    /// The text with every control character and line or paragraph separator replaced by a space.
    static func singleLine(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
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
