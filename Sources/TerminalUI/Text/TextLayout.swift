/// Measuring, truncating, padding and wrapping text in terminal columns (all inputs are sanitized first).
public enum TextLayout {
    /// Display width in columns of sanitized single-line text.
    public static func width(_ text: String) -> Int { CharacterWidth.of(Sanitizer.default.sanitize(text)) }

    /// Cuts text to at most `width` columns, ending with `ellipsis` (1 column) when cut.
    public static func truncate(_ text: String, width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let clean = Sanitizer.default.sanitize(text)
        if CharacterWidth.of(clean) <= width { return clean }
        let room = width - CharacterWidth.of(ellipsis)
        guard room >= 0 else { return String(repeating: ".", count: width) }
        var result = ""
        var used = 0
        for ch in clean {
            let w = CharacterWidth.of(ch)
            if used + w > room { break }
            result.append(ch)
            used += w
        }
        return result + ellipsis
    }

    /// Truncates then pads text to exactly `width` columns.
    public static func fit(_ text: String, width: Int, alignment: TextAlignment = .left, ellipsis: String = "…")
        -> String
    {
        let cut = truncate(text, width: width, ellipsis: ellipsis)
        let gap = max(0, width - CharacterWidth.of(cut))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    /// Wraps text to `width` columns: at spaces where possible, hard-breaking longer words; keeps `\n` breaks.
    public static func wrap(_ text: String, width: Int, sanitizer: Sanitizer = .multiline) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in sanitizer.sanitize(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var word = String(word)
                var wordWidth = CharacterWidth.of(word)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 || !line.isEmpty {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                while wordWidth > width {
                    var head = ""
                    var used = 0
                    var rest = Substring(word)
                    while let ch = rest.first, used + CharacterWidth.of(ch) <= width {
                        head.append(ch)
                        used += CharacterWidth.of(ch)
                        rest = rest.dropFirst()
                    }
                    if head.isEmpty {  // a wide character in a 1-column width: skip it
                        rest = rest.dropFirst()
                    } else {
                        lines.append(head)
                    }
                    word = String(rest)
                    wordWidth = CharacterWidth.of(word)
                }
                line = word
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }

    /// Formats seconds as `m:ss` or `h:mm:ss` (negative clamps to 0).
    public static func duration(seconds: Double) -> String {
        let total = max(0, Int(seconds))
        let h = total / 3600
        let m = (total % 3600) / 60
        let s = total % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }
}
