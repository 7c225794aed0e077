import Foundation
import PodiumTestSupport
import Testing

/// `podium rollback` against the emulator, the real binary: after v4 → v5 → v4 (v4's endpoint config reused) the
/// rollback goes to v5, and its plan carries preflight of v5's model; once v5's image is deleted from ECR the
/// rollback is refused before any write (exit 3, audited), as a promotion would be. The ECR image is deleted
/// with boto3, an independent client.
@Suite struct RollbackEndToEndTests {
    static let repository = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn"

    @Test func afterV4V5V4TheRollbackGoesToV5AndAMissingImageBlocksIt() async throws {
        try await withRouteWorld { world in
            let cli = world.cli
            try await world.emulator.control(
                "POST", "/_podium/preflight",
                [
                    "account": "123456789012", "region": "us-east-1",
                    "images": [["repository": "churn", "tag": "v4"], ["repository": "churn", "tag": "v5"]],
                ])
            let data = "s3://podium-test-evaluations/churn/v1.tar.gz"
            for tag in ["v4", "v5"] {
                let made = try await cli.fixture("package-with", "churn", "\(Self.repository):\(tag)", data)
                #expect(made.code == 0, "\(made.stderr)")
            }
            for version in ["4", "5", "4"] {
                let r = try await cli.podium(["promote", "churn", version, "--to", "dev", "--yes"])
                #expect(r.code == 0, "promote v\(version): \(r.stderr)")
            }
            var r = try await cli.podium(["rollback", "dev", "churn-dev", "--plan"])
            #expect(r.code == 0, "\(r.stderr)")
            #expect(r.stdout.contains("churn v4 → churn v5"), "\(r.stdout)")
            #expect(r.stdout.contains("preflight: ok image \(Self.repository):v5 — sha256:"), "\(r.stdout)")

            let deleted = try await cli.fixture("delete-image", "123456789012", "us-east-1", "churn", "v5")
            #expect(
                deleted.code == 0 && deleted.stdout.contains(#""deleted": 1"#), "\(deleted.stdout)\(deleted.stderr)")
            r = try await cli.podium(["rollback", "dev", "churn-dev", "--plan", "--json"])
            #expect(r.code == 3, "\(r.stderr)")
            let plan = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            let checks = plan?["preflight"] as? [[String: Any]] ?? []
            #expect(
                checks.contains { $0["check"] as? String == "image" && $0["outcome"] as? String == "failed" },
                "\(r.stdout)")

            try await world.emulator.clearRequests()
            r = try await cli.podium(["rollback", "dev", "churn-dev", "--yes"])
            #expect(r.code == 3, "\(r.stderr)")
            #expect(
                r.stderr.contains("refused: preflight: image \(Self.repository):v5: no such image"), "\(r.stderr)")
            let writes = try await world.emulator.requests().filter { $0.operation == "UpdateEndpoint" }
            #expect(writes.isEmpty, "\(writes)")
            let outcomes = try await world.audit("churn-dev").compactMap { $0["outcome"] as? String }
            #expect(outcomes.last == "refused", "\(outcomes)")
        }
    }
}
