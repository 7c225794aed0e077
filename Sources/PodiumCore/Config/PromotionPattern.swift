/// The placeholders of promotion names (`{endpoint}-stack`, `/models/{group}/{env}`).
public enum PromotionPattern {
    /// The placeholders a pattern may use.
    public static let placeholders = ["{endpoint}", "{group}", "{env}"]

    /// The pattern with each placeholder replaced.
    public static func expand(_ pattern: String, endpoint: String, group: String, environment: String) -> String {
        pattern.replacingOccurrences(of: "{endpoint}", with: endpoint)
            .replacingOccurrences(of: "{group}", with: group)
            .replacingOccurrences(of: "{env}", with: environment)
    }

    /// The first `{…}` in the pattern that is not a known placeholder, if any.
    public static func unknownPlaceholder(in pattern: String) -> String? {
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return String(rest[open...]) }
            let token = String(rest[open...close])
            if !placeholders.contains(token) { return token }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }
}
