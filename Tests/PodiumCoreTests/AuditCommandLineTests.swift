import Foundation
import PodiumTestSupport
import Testing

@testable import PodiumCore

/// The command written into audit records: built purely from the action, and quoted so that a POSIX shell
/// hands podium exactly the original arguments, whatever a comment holds.
@Suite struct AuditCommandLineTests {
    /// Runs `command` in `/bin/sh` with `podium` defined as a function that prints its arguments NUL-separated,
    /// and returns them: what podium would receive if the line were replayed.
    func argumentsAfterShell(_ command: String) async throws -> [String] {
        let script = #"podium() { for a in "$@"; do printf '%s\0' "$a"; done; }; "# + command
        let result = try await ProcessRunner.run("/bin/sh", ["-c", script], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.code == 0, "sh failed: \(result.stderr)")
        var words = result.stdout.components(separatedBy: "\u{0}")
        #expect(words.last == "")
        words.removeLast()
        return words
    }

    static let hostileComments: [String] = [
        "it's fine", "say \"yes\"", "two\nlines", "$(touch /tmp/podium-pwned)", "`id`", "${HOME}", "a;b&&c|d",
        "*.yaml ?", "--yes", "-x", "back\\slash", "'", "''", "tab\there", "", "   ", "ünïcødé ✓", "a\u{1B}[2Jb",
        "!history", "~root", "#hash", "x\r\ny",
    ]

    @Test(arguments: hostileComments) func approvalCommentsSurviveTheShell(comment: String) async throws {
        let line = AuditCommandLine.approval(
            group: "churn-model", version: 7, decision: .approved, comment: comment, expectedStatus: .pending)
        let words = try await argumentsAfterShell(line)
        let expectedComment = comment.hasPrefix("-") ? ["--comment=" + comment] : ["--comment", comment]
        #expect(words == ["approve", "churn-model", "7"] + expectedComment + ["--expect-status", "pending"])
        #expect(!FileManager.default.fileExists(atPath: "/tmp/podium-pwned"))
    }

    @Test func quotingIsMinimalForPlainWordsAndSingleQuotesOtherwise() {
        #expect(ShellQuoting.quote("churn-model") == "churn-model")
        #expect(ShellQuoting.quote("") == "''")
        #expect(ShellQuoting.quote("it's") == #"'it'\''s'"#)
        #expect(ShellQuoting.quote("$(id)") == "'$(id)'")
        #expect(ShellQuoting.quote("a\nb") == "'a\nb'")
        #expect(ShellQuoting.quote("nul\u{0}byte") == "'nulbyte'")
        #expect(
            AuditCommandLine.approval(group: "churn", version: 7, decision: .rejected, comment: "drift on 'eu'")
                == #"podium reject churn 7 --comment 'drift on '\''eu'\'''"#)
    }

    @Test func deploymentCommandsConfirmWithTheEndpointName() throws {
        var plan = DeploymentPlan(
            action: .promote, environment: "prod", region: "eu-west-1", endpoint: "churn-prod", group: "churn",
            currentVersion: 3, currentEndpointConfig: "c3", newVersion: 4, newPackageArn: "arn",
            newEndpointConfig: "c4",
            modelName: "m", createsEndpoint: false, variantSummary: "", strategy: "", alarms: [], steps: [],
            blockers: [], warnings: [], confirm: .typed)
        #expect(AuditCommandLine.deployment(plan) == "podium promote churn 4 --to prod --confirm churn-prod")
        plan.action = .rollback
        #expect(AuditCommandLine.deployment(plan) == "podium rollback prod churn-prod --confirm churn-prod")
        plan.action = .promote
        plan.newVersion = nil
        #expect(AuditCommandLine.deployment(plan) == nil)
    }
}
