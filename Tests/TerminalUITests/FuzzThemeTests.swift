import Foundation
import PodiumTestSupport
import Testing

@testable import TerminalUI

/// Damaged copies of the shipped default theme, and a "billion laughs" theme: each parses or fails with a
/// `ThemeError` that has a line and column. Replay with `PODIUM_FUZZ_SEED`.
@Suite struct FuzzThemeTests {
    static let iterations = 2_000

    @Test func billionLaughsThemeIsRefusedAtTheFirstAnchor() {
        var lines = ["name: laughs", "a0: &a0 {fg: red, bg: blue}"]
        for i in 1...30 { lines.append("a\(i): &a\(i) [*a\(i - 1), *a\(i - 1)]") }
        lines.append("roles: {? *a30 : x, ? *a29 : y}")
        do {
            _ = try ThemeDefinition.parse(yaml: lines.joined(separator: "\n"), file: "laughs.yaml")
            Issue.record("parsed a hostile theme")
        } catch {
            #expect(error.description == "laughs.yaml:2:5: YAML anchors (&name) are not supported; write the value out")
        }
    }

    @Test func mutatedThemesFailWithALocation() throws {
        let path = repoRoot.appendingPathComponent("themes/default.yaml").path
        let mutator = YAMLMutator(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let seed = SeededRandom.seed(fallback: 0x7E4E_5EED)
        var random = SeededRandom(seed: seed)
        print("theme fuzz: \(Self.iterations) mutants of \(path), seed \(seed) (replay: PODIUM_FUZZ_SEED=\(seed))")
        var parsed = 0
        var unlocated: [String] = []
        for index in 0..<Self.iterations {
            let (bytes, kinds) = mutator.mutant(using: &random)
            // Themes are read as text; bytes that are not UTF-8 are repaired the way the loader reads them.
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                _ = try ThemeDefinition.parse(yaml: text, file: "fuzz.yaml")
                parsed += 1
            } catch {
                if error.line <= 0 || error.column <= 0 { unlocated.append("#\(index) \(kinds): \(error)") }
            }
        }
        print(
            "theme fuzz: seed \(seed): \(parsed) parsed, \(Self.iterations - parsed) refused, \(unlocated.count) without a location"
        )
        #expect(unlocated.isEmpty, "seed \(seed): \(unlocated.prefix(10).joined(separator: "\n"))")
    }
}
