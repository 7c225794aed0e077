import Foundation

/// SplitMix64: a small seeded generator for fuzz tests, so a failure can be replayed from its seed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    /// The seed this generator started from (print it when a test fails).
    public let seed: UInt64
    private var state: UInt64

    /// Starts from `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// `$PODIUM_FUZZ_SEED` (decimal or 0x hex) when set, to replay a failure or explore; otherwise `fallback`, so
    /// that `make test` is repeatable.
    public static func seed(fallback: UInt64, variable name: String = "PODIUM_FUZZ_SEED") -> UInt64 {
        if let text = ProcessInfo.processInfo.environment[name] {
            if text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) { return value }
            if let value = UInt64(text) { return value }
        }
        return fallback
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random index below `count` (which must be positive).
    public mutating func below(_ count: Int) -> Int {
        Int(next() % UInt64(count))
    }
}
