import Foundation

/// A case-insensitive substring filter, prepared once per list and matched against every row's fields.
///
/// It answers as `text.lowercased().contains(needle)` does, without lowercasing (allocating) each field: a
/// printable ASCII needle is searched byte by byte with ASCII case folding, and the full Unicode rule decides only
/// the rows where bytes alone cannot (a match beside a non-ASCII character that could join its grapheme, or a
/// character whose lowercase is ASCII: the Kelvin sign, the dotted capital I). A 10,000-row list then filters
/// within a frame (see `Benchmarks/TerminalUIBenchmarks/ListBenchmark.swift`).
public struct FilterNeedle: Sendable, Equatable {
    /// The filter, trimmed of spaces and lowercased; empty matches everything.
    public let folded: String
    /// `folded` as bytes when it is all printable ASCII (the fast path), else nil.
    private let ascii: [UInt8]?

    /// Prepares a filter as typed (leading and trailing spaces ignored).
    public init(_ filter: String) {
        folded = filter.trimmingCharacters(in: .whitespaces).lowercased()
        let bytes = Array(folded.utf8)
        ascii = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? bytes : nil
    }

    /// Whether the filter matches everything.
    public var isEmpty: Bool { folded.isEmpty }

    /// Whether `text` contains the filter, ignoring case (nil never matches a non-empty filter).
    public func matches(_ text: String?) -> Bool {
        guard !folded.isEmpty else { return true }
        guard let text else { return false }
        guard let ascii else { return text.lowercased().contains(folded) }
        let scan = text.utf8.withContiguousStorageIfAvailable { FilterNeedle.scan($0, for: ascii) }
        switch scan {
        case .found?: return true
        case .absent?: return false
        case .unsure?, nil: return text.lowercased().contains(folded)
        }
    }

    private enum Scan { case found, absent, unsure }

    private static func scan(_ hay: UnsafeBufferPointer<UInt8>, for needle: [UInt8]) -> Scan {
        let n = needle.count
        let h = hay.count
        // Non-ASCII characters whose lowercase holds ASCII: U+0130 (C4 B0 -> "i̇") and U+212A (E2 84 AA -> "k").
        var i = 0
        while i + 1 < h {
            if hay[i] == 0xC4 && hay[i + 1] == 0xB0 { return .unsure }
            if hay[i] == 0xE2 && hay[i + 1] == 0x84 && i + 2 < h && hay[i + 2] == 0xAA { return .unsure }
            i += 1
        }
        guard n <= h else { return .absent }
        let first = needle[0]
        var start = 0
        while start <= h - n {
            if fold(hay[start]) == first {
                var j = 1
                while j < n && fold(hay[start + j]) == needle[j] { j += 1 }
                if j == n {
                    // A non-ASCII neighbour may extend a grapheme into the match (a combining accent after it, a
                    // prepended mark before it): the Unicode rule decides.
                    let before = start > 0 ? hay[start - 1] : 0
                    let after = start + n < h ? hay[start + n] : 0
                    return before >= 0x80 || after >= 0x80 ? .unsure : .found
                }
            }
            start += 1
        }
        return .absent
    }

    private static func fold(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}
