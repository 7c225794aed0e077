import Foundation
import PodiumTestSupport
import Testing

@testable import PodiumCore

/// 10,000 damaged copies of `config/podium.example.yaml`: each loads, or fails with a `ConfigError` whose every
/// issue has `file:line:column`. Never a crash, a hang or another error type. Replay with `PODIUM_FUZZ_SEED`.
@Suite struct FuzzConfigTests {
    static let iterations = 10_000

    @Test func mutatedExampleConfigsFailWithALocation() throws {
        let path = repoRoot.appendingPathComponent("config/podium.example.yaml").path
        let mutator = YAMLMutator(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let seed = SeededRandom.seed(fallback: 0x5EED_C0F1)
        var random = SeededRandom(seed: seed)
        // Printed first, so that even a crash leaves the seed in the log.
        print("config fuzz: \(Self.iterations) mutants of \(path), seed \(seed) (replay: PODIUM_FUZZ_SEED=\(seed))")
        var loaded = 0
        var refused = 0
        var failures: [String] = []
        var slowest: (Duration, Int) = (.zero, 0)
        let clock = ContinuousClock()
        for index in 0..<Self.iterations {
            let (bytes, kinds) = mutator.mutant(using: &random)
            let started = clock.now
            do {
                _ = try ConfigLoader.parse(data: Data(bytes), file: "fuzz.yaml")
                loaded += 1
            } catch let error as ConfigError {
                refused += 1
                let unlocated = error.issues.filter { $0.line <= 0 || $0.column <= 0 || $0.file != "fuzz.yaml" }
                if !unlocated.isEmpty {
                    failures.append("#\(index) \(kinds): \(unlocated.map(\.description))")
                }
            } catch {
                failures.append("#\(index) \(kinds): not a ConfigError: \(error)")
            }
            let took = clock.now - started
            if took > slowest.0 { slowest = (took, index) }
        }
        print(
            "config fuzz: seed \(seed): \(loaded) loaded, \(refused) refused with a location, "
                + "\(failures.count) failures; slowest mutant #\(slowest.1) took \(slowest.0)")
        #expect(loaded + refused + failures.count == Self.iterations)
        #expect(refused > Self.iterations / 2, "most mutants should be refused (seed \(seed))")
        #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(10).joined(separator: "\n"))")
    }
}
