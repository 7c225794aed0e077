import Testing
import TextSupport

@testable import TerminalUI

/// The one `EditDistance` (target `TextSupport`), in the two ways it is used: config names (case ignored, closest
/// only) and TerminalUI's names (exact case, a prefix or an extension counts as close).
@Suite("EditDistance")
struct EditDistanceTests {
    @Test("Levenshtein distance, with and without case")
    func distance() {
        #expect(EditDistance.distance("kitten", "sitting") == 3)
        #expect(EditDistance.distance("", "abc") == 3)
        #expect(EditDistance.distance("abc", "") == 3)
        #expect(EditDistance.distance("Region", "region") == 0)
        #expect(EditDistance.distance("Region", "region", ignoringCase: false) == 1)
    }

    @Test("config rule: the closest candidate within max(2, a third of the word), ignoring case")
    func configSuggestion() {
        #expect(EditDistance.suggestion(for: "regoin", among: ["region", "name"]) == "region")
        #expect(EditDistance.suggestion(for: "REGION", among: ["name", "region"]) == "region")
        #expect(EditDistance.suggestion(for: "zzzzzz", among: ["region", "name"]) == nil)
        // A prefix alone is not close for config names.
        #expect(EditDistance.suggestion(for: "environmentsx", among: ["env"]) == nil)
    }

    @Test("TerminalUI rule: exact case, and a prefix or an extension of a name is close")
    func terminalUISuggestion() {
        #expect(EditDistance.closest(to: "blinking", in: ["bold", "blink"]) == "blink")
        #expect(EditDistance.closest(to: "under", in: ["underline"]) == "underline")
        #expect(EditDistance.closest(to: "bl", in: ["blink"]) == nil)
        #expect(EditDistance.closest(to: "helth.ok", in: ["health.ok", "health.warn"]) == "health.ok")
    }
}
