import PodiumCore

/// The log view's lines: at most `capacity`, the oldest dropped first, so following a chatty endpoint for hours
/// keeps memory bounded.
struct LogBuffer: Sendable, Equatable {
    /// The most lines kept.
    let capacity: Int
    /// The lines, oldest first.
    private(set) var lines: [LogLine] = []
    /// How many lines were dropped to stay within `capacity`.
    private(set) var dropped = 0

    init(capacity: Int = 5000) {
        self.capacity = max(1, capacity)
    }

    /// Appends new lines, dropping the oldest beyond `capacity`.
    mutating func append(_ new: [LogLine]) {
        lines += new
        if lines.count > capacity {
            dropped += lines.count - capacity
            lines.removeFirst(lines.count - capacity)
        }
    }

    /// The lines whose message or stream contains `filter` (case-insensitive); all of them for an empty filter.
    func matching(_ filter: String) -> [LogLine] {
        guard !filter.isEmpty else { return lines }
        return lines.filter { Self.matches($0, filter) }
    }

    /// Whether a line matches a (non-empty) filter.
    static func matches(_ line: LogLine, _ filter: String) -> Bool {
        line.message.localizedCaseInsensitiveContains(filter) || line.stream.contains(filter)
    }

    /// How many of `lines` match a (non-empty) filter.
    static func matchingCount(_ lines: [LogLine], _ filter: String) -> Int {
        lines.reduce(0) { $0 + (matches($1, filter) ? 1 : 0) }
    }
}
