import Foundation

/// Parses and prints the config's durations: `500ms`, `15s`, `10m`, `2h` (and combinations such as `1h30m`).
public enum DurationFormat {
    /// Parses a duration, or returns `nil` if the text is not one.
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        var total: Int64 = 0  // milliseconds
        var index = trimmed.startIndex
        var sawPart = false
        while index < trimmed.endIndex {
            var digits = ""
            while index < trimmed.endIndex, trimmed[index].isASCII, trimmed[index].isNumber {
                digits.append(trimmed[index])
                index = trimmed.index(after: index)
            }
            var unit = ""
            while index < trimmed.endIndex, trimmed[index].isASCII, trimmed[index].isLetter {
                unit.append(trimmed[index])
                index = trimmed.index(after: index)
            }
            guard !digits.isEmpty, digits.count <= 9, let value = Int64(digits) else { return nil }
            let factor: Int64
            switch unit {
            case "ms": factor = 1
            case "s": factor = 1000
            case "m": factor = 60_000
            case "h": factor = 3_600_000
            case "d": factor = 86_400_000
            default: return nil
            }
            total += value * factor
            sawPart = true
        }
        return sawPart ? .milliseconds(total) : nil
    }

    /// Prints a duration in the shortest exact form: `500ms`, `15s`, `10m`, `2h`, `1h30m`.
    public static func format(_ duration: Duration) -> String {
        var ms = milliseconds(duration)
        if ms == 0 { return "0s" }
        var parts: [String] = []
        if ms < 0 {
            parts.append("-")
            ms = -ms
        }
        let units: [(Int64, String)] = [(3_600_000, "h"), (60_000, "m"), (1000, "s"), (1, "ms")]
        for (size, name) in units where ms >= size {
            parts.append("\(ms / size)\(name)")
            ms %= size
        }
        return parts.joined()
    }

    /// Prints an elapsed time for humans: `45s`, `3m12s`, `1h05m`.
    public static func human(seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded(.down)))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total / 3600)h\(String(format: "%02d", (total % 3600) / 60))m"
    }

    /// The whole milliseconds in a duration.
    public static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// The duration in seconds, as a `Double`.
    public static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
