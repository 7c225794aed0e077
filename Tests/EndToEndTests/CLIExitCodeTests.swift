import Foundation
import PodiumTestSupport
import Testing

/// PodiumCore names an error's kind; only the `podium` target turns a kind into an exit code (`CLIExit.code(for:)`,
/// the table in docs/cli.md). One real run per kind, against the emulator.
@Suite(.serialized) struct CLIExitCodeTests {
    @Test func eachKindOfErrorHasItsExitCode() async throws {
        try await withWorld { world in
            // usage → 2: a name the config does not know.
            var r = try await world.podium(["status", "--env", "nowhere"])
            #expect(r.code == 2, "\(r.stderr)")
            #expect(r.stderr.contains("unknown environment \"nowhere\""))

            // notFound → 2: a version or group the registry does not have.
            r = try await world.podium(["show", "churn", "99"])
            #expect(r.code == 2, "\(r.stderr)")
            #expect(r.stderr.contains("version 99 of churn does not exist"))
            r = try await world.podium(["versions", "no-such-group"])
            #expect(r.code == 2, "\(r.stderr)")
            #expect(r.stderr.contains("model package group \"no-such-group\" does not exist"))

            // refused → 3: nothing changes in a read-only session.
            r = try await world.podium(["approve", "churn", "3", "--comment", "x", "--read-only"])
            #expect(r.code == 3, "\(r.stderr)")
            #expect(r.stderr.contains("read-only"))

            // failed → 1: AWS answers with an error (expired credentials are not retried).
            try await world.emulator.injectFault(
                operation: "ListModelPackageGroups", kind: .expiredToken, count: nil)
            r = try await world.podium(["groups"])
            try await world.emulator.clearFaults()
            #expect(r.code == 1, "\(r.stderr)")
            #expect(r.stderr.contains("ListModelPackageGroups failed"))
        }
    }
}
