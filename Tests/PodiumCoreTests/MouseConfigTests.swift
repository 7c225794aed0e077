import Foundation
import Testing

@testable import PodiumCore

/// The top-level `mouse:` key: off unless set, a boolean, and a misspelling is caught with a suggestion.
@Suite struct MouseConfigTests {
    static let base = """
        environments:
          - name: dev
            region: us-east-1
            endpoints:
              - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large }

        """

    func issues(_ yaml: String) -> [ConfigIssue] {
        do {
            _ = try ConfigParser.parse(yaml: yaml, file: "mouse.yaml")
            Issue.record("expected a ConfigError")
            return []
        } catch let error as ConfigError {
            return error.issues
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test func offByDefaultOnWhenTrue() throws {
        #expect(try ConfigParser.parse(yaml: Self.base, file: "m.yaml").mouse == false)
        #expect(try ConfigParser.parse(yaml: Self.base + "mouse: true\n", file: "m.yaml").mouse == true)
        #expect(try ConfigParser.parse(yaml: Self.base + "mouse: false\n", file: "m.yaml").mouse == false)
    }

    @Test func notABooleanOrMisspelled() {
        let notBool = issues(Self.base + "mouse: sometimes\n")
        #expect(notBool.count == 1)
        #expect(notBool.first?.message.contains("mouse must be true or false") == true)
        #expect(notBool.first?.line == 6)
        let typo = issues(Self.base + "mose: true\n")
        #expect(typo.first?.message.contains("unknown key \"mose\"") == true)
        #expect(typo.first?.hint == "did you mean \"mouse\"?")
    }
}
