/// Mutates the bytes of a YAML file the way people and tools damage them, for fuzz tests: bit flips, deletions,
/// duplicated chunks, indentation changes, YAML-special characters, anchors and aliases, stray bytes.
public struct YAMLMutator {
    /// What a mutation did, to print with a failure.
    public enum Kind: String, CaseIterable, Sendable {
        case flip, delete, duplicate, indent, special, anchor, byte
    }

    static let specials: [String] = [
        ":", ": ", "- ", "? ", "|", ">", "&", "*", "!", "!!str ", "%", "@", "`", "{", "}", "[", "]", ",", "#",
        "'", "\"", "\t", "\n", "\r\n", "---\n", "...\n", "\\", "~", "null", "<<: ", "\u{FEFF}", "\u{0}",
    ]

    /// The file being mutated.
    public let original: [UInt8]

    /// Mutates `original`.
    public init(_ original: [UInt8]) {
        self.original = original
    }

    /// A copy of the file with `1...maxMutations` random mutations, and what they were.
    public func mutant(using random: inout SeededRandom, maxMutations: Int = 4) -> ([UInt8], [Kind]) {
        var bytes = original
        var kinds: [Kind] = []
        for _ in 0..<(1 + random.below(maxMutations)) {
            let kind = Kind.allCases[random.below(Kind.allCases.count)]
            kinds.append(kind)
            apply(kind, to: &bytes, using: &random)
        }
        return (bytes, kinds)
    }

    private func apply(_ kind: Kind, to bytes: inout [UInt8], using random: inout SeededRandom) {
        guard !bytes.isEmpty else {
            bytes = Array("x".utf8)
            return
        }
        let at = random.below(bytes.count)
        switch kind {
        case .flip:
            bytes[at] ^= UInt8(1) << UInt8(random.below(8))
        case .delete:
            bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(24)))
        case .duplicate:
            let line = lineRange(around: at, in: bytes)
            let chunk = random.below(2) == 0 ? Array(bytes[line]) : Array(bytes[at..<min(bytes.count, at + 40)])
            bytes.insert(contentsOf: chunk, at: random.below(bytes.count + 1))
        case .indent:
            let start = lineRange(around: at, in: bytes).lowerBound
            switch random.below(3) {
            case 0: bytes.insert(contentsOf: Array(repeating: UInt8(ascii: " "), count: 1 + random.below(4)), at: start)
            case 1: if start < bytes.count, bytes[start] == UInt8(ascii: " ") { bytes.remove(at: start) }
            default: bytes.insert(UInt8(ascii: "\t"), at: start)
            }
        case .special:
            bytes.insert(contentsOf: Array(Self.specials[random.below(Self.specials.count)].utf8), at: at)
        case .anchor:
            let name = "a\(random.below(3))"
            bytes.insert(contentsOf: Array((random.below(2) == 0 ? "&\(name) " : "*\(name)").utf8), at: at)
        case .byte:
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
        }
    }

    /// The range of the line holding `index`, with its newline.
    private func lineRange(around index: Int, in bytes: [UInt8]) -> Range<Int> {
        var start = index
        while start > 0 && bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var end = index
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return start..<min(bytes.count, end + 1)
    }
}
