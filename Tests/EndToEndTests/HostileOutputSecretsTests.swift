import Foundation
import PodiumTestSupport
import Testing

/// A `credential_process` helper's stderr can hold anything, tokens included: podium lets it reach the terminal
/// while the helper runs, and keeps it out of every error message and the audit log.
@Suite(.serialized) struct HostileOutputSecretsTests {
    @Test func credentialHelperStderrIsShownButNeverStored() async throws {
        let marker = "SECRET-MARKER-\(UInt32.random(in: 100_000...999_999))"
        let config = CLITestWorld.config().replacingOccurrences(
            of: "registry: { region: us-east-1 }",
            with: "registry: { region: us-east-1, credentials: { profile: helper } }")
        try await withWorld(config: config) { world in
            let helper = world.directory.appendingPathComponent("helper.sh").path
            try "#!/bin/sh\necho \"\(marker) token=abc\" >&2\nexit 1\n".write(
                toFile: helper, atomically: true, encoding: .utf8)
            let awsConfig = world.directory.appendingPathComponent("aws-config").path
            try "[profile helper]\ncredential_process = /bin/sh \(helper)\nregion = us-east-1\n".write(
                toFile: awsConfig, atomically: true, encoding: .utf8)

            let r = try await world.podium(
                ["approve", "churn", "3", "--comment", "ok"], extraEnvironment: ["AWS_CONFIG_FILE": awsConfig])
            #expect(r.code == 1, "\(r.stderr)")
            // Shown on the terminal, as the helper wrote it...
            #expect(r.stderr.contains("\(marker) token=abc"))
            // ...but not repeated by podium's own message, which names the profile and the status.
            let messages = r.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("podium:") }
            #expect(messages.contains { $0.contains("credential_process of profile \"helper\" exited with status 1") })
            #expect(!messages.contains { $0.contains(marker) }, "\(messages)")

            // The attempt is audited (not vacuous), without the helper's output, and with no made-up operator.
            let audit = try String(contentsOfFile: world.auditPath, encoding: .utf8)
            #expect(audit.contains("\"action\":\"approve\""))
            #expect(!audit.contains(marker))
            #expect(try await world.fixtureJSON("package", "churn", "3")["status"] as? String != "Approved")
        }
    }
}
