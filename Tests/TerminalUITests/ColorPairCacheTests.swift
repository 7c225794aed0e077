import Testing

@testable import TerminalUI

/// The colour-pair budget of a backend: allocation, reuse, least-recently-used eviction, fallback to pair 0.
@Suite struct ColorPairCacheTests {
    typealias Colors = ColorPairCache.Colors

    /// Records what `define` was asked for, as `init_extended_pair` would be.
    final class Definitions {
        var calls: [(pair: Int32, foreground: Int32, background: Int32)] = []
    }

    func pair(_ fg: Int32, _ bg: Int32, in cache: inout ColorPairCache, log: Definitions) -> Int32 {
        cache.pair(for: Colors(foreground: fg, background: bg)) { log.calls.append(($0, $1, $2)) }
    }

    @Test func allocatesOncePerColourCombination() {
        var cache = ColorPairCache(colorPairs: 256)
        let log = Definitions()
        cache.beginFrame()
        #expect(cache.capacity == 255)
        #expect(pair(-1, -1, in: &cache, log: log) == 0, "default colours need no pair")
        #expect(pair(1, -1, in: &cache, log: log) == 1)
        #expect(pair(2, 0, in: &cache, log: log) == 2)
        #expect(pair(1, -1, in: &cache, log: log) == 1)
        cache.beginFrame()
        #expect(pair(2, 0, in: &cache, log: log) == 2)
        #expect(log.calls.count == 2)
        #expect(log.calls.map(\.pair) == [1, 2])
        #expect(log.calls[1].foreground == 2 && log.calls[1].background == 0)
        #expect(cache.count == 2)
        #expect(cache.evictionCount == 0)
    }

    @Test func evictsTheLeastRecentlyUsedPairFromAnOlderFrame() {
        // COLOR_PAIRS = 4: pairs 1...3 are the whole budget.
        var cache = ColorPairCache(colorPairs: 4)
        let log = Definitions()
        cache.beginFrame()
        #expect(pair(1, -1, in: &cache, log: log) == 1)
        cache.beginFrame()
        #expect(pair(2, -1, in: &cache, log: log) == 2)
        cache.beginFrame()
        #expect(pair(3, -1, in: &cache, log: log) == 3)
        #expect(!cache.evictedThisFrame)

        cache.beginFrame()
        #expect(pair(2, -1, in: &cache, log: log) == 2, "refreshes colour 2")
        #expect(!cache.evictedThisFrame)
        // A fourth combination takes the pair of colour 1, used longest ago.
        #expect(pair(4, -1, in: &cache, log: log) == 1)
        #expect(cache.evictedThisFrame)
        #expect(cache.evictionCount == 1)
        #expect(log.calls.last?.pair == 1 && log.calls.last?.foreground == 4)
        #expect(cache.count == 3)

        // Colour 1 comes back: it is redefined in the pair of colour 3 (LRU now), not given its old one.
        cache.beginFrame()
        #expect(!cache.evictedThisFrame, "the flag is per frame")
        #expect(pair(1, -1, in: &cache, log: log) == 3)
        #expect(cache.evictedThisFrame)
        #expect(cache.evictionCount == 2)
        #expect(log.calls.map(\.pair) == [1, 2, 3, 1, 3])
    }

    @Test func neverEvictsAPairOfTheCurrentFrame() {
        var cache = ColorPairCache(colorPairs: 3)
        let log = Definitions()
        cache.beginFrame()
        #expect(pair(1, -1, in: &cache, log: log) == 1)
        #expect(pair(2, -1, in: &cache, log: log) == 2)
        // The budget is spent by this very frame: the third colour falls back to pair 0, nothing is redefined.
        #expect(pair(3, -1, in: &cache, log: log) == 0)
        #expect(!cache.evictedThisFrame)
        #expect(log.calls.count == 2)
        #expect(pair(1, -1, in: &cache, log: log) == 1)
        #expect(pair(2, -1, in: &cache, log: log) == 2)

        // Next frame only colour 2 is used before colour 3 asks: colour 1's pair goes.
        cache.beginFrame()
        #expect(pair(2, -1, in: &cache, log: log) == 2)
        #expect(pair(3, -1, in: &cache, log: log) == 1)
        #expect(pair(1, -1, in: &cache, log: log) == 0, "both pairs belong to this frame now")
        #expect(cache.evictionCount == 1)
    }

    @Test func terminalsWithoutPairsUseTheDefault() {
        for colorPairs in [0, 1] {
            var cache = ColorPairCache(colorPairs: colorPairs)
            let log = Definitions()
            cache.beginFrame()
            #expect(cache.capacity == 0)
            #expect(pair(1, 2, in: &cache, log: log) == 0)
            #expect(log.calls.isEmpty)
        }
    }

    @Test func resetStartsNumberingAgain() {
        var cache = ColorPairCache(colorPairs: 8)
        let log = Definitions()
        cache.beginFrame()
        _ = pair(1, -1, in: &cache, log: log)
        _ = pair(2, -1, in: &cache, log: log)
        cache.reset()
        #expect(cache.count == 0)
        cache.beginFrame()
        #expect(pair(2, -1, in: &cache, log: log) == 1)
        #expect(log.calls.count == 3)
    }
}
