import Foundation
import Testing

@testable import PodiumCore

/// Hostile YAML fails fast with `file:line:column`: anchors and aliases (which multiply work without a limit:
/// a 9.3 KB file once took 53 s of CPU), excessive nesting and size, bytes that are not UTF-8 text.
@Suite struct ConfigBoundedTests {
    /// "Billion laughs": each level refers twice to the one before; `levels` levels expand to 2^levels nodes.
    static func laughs(levels: Int, complexKeys: Bool) -> String {
        var lines = ["a0: &a0 [lol, lol]"]
        for i in 1...levels { lines.append("a\(i): &a\(i) [*a\(i - 1), *a\(i - 1)]") }
        if complexKeys {
            // Mapping keys are compared by hashing whole subtrees: this costs 2^levels while composing.
            lines.append("b: {? *a\(levels) : 1, ? *a\(levels - 1) : 2}")
        }
        lines.append("environments: [*a\(levels)]")
        return lines.joined(separator: "\n") + "\n"
    }

    func issues(_ yaml: String) -> [ConfigIssue] {
        do {
            _ = try ConfigParser.parse(yaml: yaml, file: "hostile.yaml")
            Issue.record("parsed a hostile file")
            return []
        } catch let error as ConfigError {
            return error.issues
        } catch {
            Issue.record("untyped error \(error)")
            return []
        }
    }

    @Test(arguments: [false, true])
    func billionLaughsIsRefusedAtTheFirstAnchor(complexKeys: Bool) {
        let found = issues(Self.laughs(levels: 30, complexKeys: complexKeys))
        #expect(found.count == 1)
        #expect(
            found.first?.description == "hostile.yaml:1:5: YAML anchors (&name) are not supported; write the value out")
    }

    @Test func aliasesAndAnchorsAnywhereAreRefusedWithTheirPosition() {
        let base = "environments:\n  - name: dev\n    region: us-east-1\n"
        #expect(
            issues(base + "    accent: *colour\n").first?.description.hasPrefix("hostile.yaml:4:13: YAML aliases")
                == true)
        #expect(
            issues(base + "    accent: &c red\n").first?.description.hasPrefix("hostile.yaml:4:13: YAML anchors")
                == true)
        // Merge keys need an alias, so they are refused too.
        #expect(issues(base + "  - <<: *dev\n").first?.description.hasPrefix("hostile.yaml:4:9: YAML aliases") == true)
    }

    @Test func depthAndSizeAreBounded() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(issues(deep).first?.description.hasPrefix("hostile.yaml:1:65: nested more than 64 levels") == true)
        let wide = "keys: [" + Array(repeating: "x", count: 100_001).joined(separator: ",") + "]"
        #expect(issues(wide).first?.description.contains("more than 100000 values in one file") == true)
    }

    @Test func bytesThatAreNotTextAreLocated() {
        var bytes = Array("environments:\n  - name: dev\n".utf8)
        bytes.insert(0xFF, at: 20)  // line 2, after "  - name"
        do {
            _ = try ConfigLoader.parse(data: Data(bytes), file: "bad.yaml")
            Issue.record("parsed invalid UTF-8")
        } catch let error as ConfigError {
            #expect(error.description == "bad.yaml:2:7: the config file is not UTF-8 text (a bad byte here)")
        } catch {
            Issue.record("untyped error \(error)")
        }
        // A control character is valid UTF-8 but not YAML: libyaml's reader error gets a position too.
        let control = issues("environments:\n  - name: d\u{1}ev\n")
        #expect(control.first.map { $0.line == 2 && $0.column > 0 } == true, "\(control)")
    }

    @Test func theShippedExamplesStillLoad() throws {
        for name in ["config/podium.example.yaml", "config/demo.yaml"] {
            let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(name).path
            _ = try ConfigLoader.load(path: path)
        }
    }
}
