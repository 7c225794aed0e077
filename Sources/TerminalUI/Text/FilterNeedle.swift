import Foundation

/// A case-insensitive substring filter, prepared once per list and matched against every row's fields.
///
/// It answers as `text.lowercased().contains(needle)` does, without lowercasing (allocating) each field: a
/// printable ASCII needle is searched byte by byte with ASCII case folding, and the full Unicode rule decides only
/// the rows where bytes alone cannot (a needle with other characters, tried only where its longest ASCII run
/// occurs; a match beside a non-ASCII character that could join its grapheme, or a
/// character whose lowercase is ASCII: the Kelvin sign, the dotted capital I). A 10,000-row list then filters
/// within a frame (see `Benchmarks/TerminalUIBenchmarks/ListBenchmark.swift`).
public struct FilterNeedle: Sendable, Equatable {
    /// The filter, trimmed of spaces and lowercased; empty matches everything.
    public let folded: String
    /// `folded` as bytes when it is all printable ASCII (the fast path), else nil.
    private let ascii: [UInt8]?
    /// For a needle with other characters, its longest run of printable ASCII: a text whose folded bytes lack it
    /// cannot match, so only the rows that have it pay for the full Unicode rule.
    private let asciiRun: [UInt8]?

    /// Prepares a filter as typed (leading and trailing spaces ignored).
    public init(_ filter: String) {
        folded = filter.trimmingCharacters(in: .whitespaces).lowercased()
        let bytes = Array(folded.utf8)
        let printable = { (byte: UInt8) in byte >= 0x20 && byte < 0x7F }
        ascii = bytes.allSatisfy(printable) ? bytes : nil
        // A run's last letter is left out when other characters follow it: with a combining mark after it, it
        // matches a precomposed letter (`e` + U+0301 is `é`), which has no ASCII byte.
        let runs = bytes.split(omittingEmptySubsequences: false, whereSeparator: { !printable($0) })
        let sure = runs.enumerated().map { i, run in i == runs.count - 1 ? run : run.dropLast() }
        let longest = sure.max { $0.count < $1.count }.map(Array.init) ?? []
        asciiRun = ascii == nil && !longest.isEmpty ? longest : nil
    }

    /// Whether the filter matches everything.
    public var isEmpty: Bool { folded.isEmpty }

    /// Whether `text` contains the filter, ignoring case (nil never matches a non-empty filter).
    public func matches(_ text: String?) -> Bool {
        guard !folded.isEmpty else { return true }
        guard let text else { return false }
        guard let ascii else {
            if let asciiRun,
                text.utf8.withContiguousStorageIfAvailable({ FilterNeedle.scan($0, for: asciiRun) }) == .absent
            {
                return false
            }
            return text.lowercased().contains(folded)
        }
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
        // Non-ASCII characters equal to ASCII once lowercased or normalised: U+0130 (C4 B0, "i̇"), U+212A (E2 84 AA,
        // Kelvin "k"), U+037E (CD BE, Greek question mark ";"), U+1FEF (E1 BF AF, varia "`").
        var i = 0
        while i + 1 < h {
            let a = hay[i]
            let b = hay[i + 1]
            if (a == 0xC4 && b == 0xB0) || (a == 0xCD && b == 0xBE) { return .unsure }
            if i + 2 < h
                && ((a == 0xE2 && b == 0x84 && hay[i + 2] == 0xAA) || (a == 0xE1 && b == 0xBF && hay[i + 2] == 0xAF))
            {
                return .unsure
            }
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
