/// Levenshtein distance, for "did you mean" suggestions.
public enum EditDistance {
    /// The number of single-character edits between two strings.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The closest candidate within a distance of max(2, a third of its length), or a prefix match, if any.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        var best: (String, Int)?
        // A word that is a prefix or an extension of a candidate ("blinking" → "blink") counts as close.
        if word.count >= 3, let prefixed = candidates.first(where: { word.hasPrefix($0) || $0.hasPrefix(word) }) {
            return prefixed
        }
        for candidate in candidates {
            let d = between(word, candidate)
            if d <= max(2, word.count / 3), best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }
}
