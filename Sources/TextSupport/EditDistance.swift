/// Levenshtein distance and "did you mean" suggestions: the one implementation behind every unknown-name
/// message (config keys and values in PodiumCore, themes, roles, keys and key-map actions in TerminalUI).
public enum EditDistance {
    /// The number of single-character insertions, deletions or substitutions that turn `a` into `b`.
    ///
    /// Config names are matched ignoring case (the default); TerminalUI compares exactly.
    public static func distance(_ a: String, _ b: String, ignoringCase: Bool = true) -> Int {
        let a = Array(ignoringCase ? a.lowercased() : a)
        let b = Array(ignoringCase ? b.lowercased() : b)
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

    /// The closest candidate within a distance of max(2, a third of the word's length), if any: a likely typo.
    ///
    /// With `acceptingPrefixes`, a word of three or more characters that is a prefix or an extension of a
    /// candidate (`blinking` → `blink`) is taken first, however far apart the two are.
    public static func suggestion(
        for word: String, among candidates: [String], ignoringCase: Bool = true, acceptingPrefixes: Bool = false
    ) -> String? {
        if acceptingPrefixes, word.count >= 3,
            let prefixed = candidates.first(where: { word.hasPrefix($0) || $0.hasPrefix(word) })
        {
            return prefixed
        }
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(word, candidate, ignoringCase: ignoringCase)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }
}
