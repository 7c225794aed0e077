/// Maps foreground/background colour numbers to terminal colour pairs (as curses uses them), evicting the
/// least recently used pair when the terminal has fewer pairs than the app uses.
///
/// Pure bookkeeping, so a backend's pair budget can be tested without a terminal. Pair 0 (terminal default
/// colours) is never allocated. A pair used in the current frame is never evicted; when every pair is in
/// use by the current frame, the colours fall back to pair 0. An eviction redefines a pair that older cells
/// on screen may still show, so the caller repaints the frame then (`evictedThisFrame`).
public struct ColorPairCache: Sendable {
    /// A colour number pair (-1 = terminal default).
    public struct Colors: Hashable, Sendable {
        /// Foreground colour number (-1 = default).
        public let foreground: Int32
        /// Background colour number (-1 = default).
        public let background: Int32

        /// Creates a colour number pair.
        public init(foreground: Int32, background: Int32) {
            self.foreground = foreground
            self.background = background
        }
    }

    private struct Entry: Sendable {
        let pair: Int32
        var lastUsedFrame: UInt64
    }

    /// How many pairs may be allocated (COLOR_PAIRS - 1).
    public let capacity: Int
    private var entries: [Colors: Entry] = [:]
    private var frame: UInt64 = 0
    /// Whether a pair was redefined during the current frame.
    public private(set) var evictedThisFrame = false
    /// Total pairs redefined since creation (diagnostics).
    public private(set) var evictionCount = 0

    /// Creates a cache for a terminal with `colorPairs` pairs (COLOR_PAIRS).
    public init(colorPairs: Int) {
        capacity = max(0, colorPairs - 1)
    }

    /// Number of pairs in use.
    public var count: Int { entries.count }

    /// Starts a new frame (pairs used from now on are protected from eviction until the next frame).
    public mutating func beginFrame() {
        frame &+= 1
        evictedThisFrame = false
    }

    /// The pair for these colours, defining it with `define(pair, fg, bg)` when it is new.
    public mutating func pair(for colors: Colors, define: (Int32, Int32, Int32) -> Void) -> Int32 {
        if colors.foreground == -1 && colors.background == -1 { return 0 }
        if var entry = entries[colors] {
            entry.lastUsedFrame = frame
            entries[colors] = entry
            return entry.pair
        }
        guard capacity > 0 else { return 0 }
        let pair: Int32
        if entries.count < capacity {
            pair = Int32(entries.count + 1)
        } else {
            guard
                let victim = entries.filter({ $0.value.lastUsedFrame < frame })
                    .min(by: { $0.value.lastUsedFrame < $1.value.lastUsedFrame })
            else { return 0 }
            entries[victim.key] = nil
            pair = victim.value.pair
            evictedThisFrame = true
            evictionCount += 1
        }
        entries[colors] = Entry(pair: pair, lastUsedFrame: frame)
        define(pair, colors.foreground, colors.background)
        return pair
    }

    /// Forgets every pair (after the screen is recreated).
    public mutating func reset() {
        entries.removeAll()
    }
}
