import AWSCore
import Foundation
import Logging
import PodiumTestSupport
import Testing

@testable import PodiumCore

/// PodiumSession against the emulator seeded with the demo world (Emulator/seed.py, boto3): discovery,
/// health, and the number of AWS calls per health refresh, counted from the emulator's request log.
@Suite(.serialized) struct SessionEmulatorTests {
    func withSeededSession(_ body: (PodiumSession, EmulatorProcess) async throws -> Void) async throws {
        let emulator = try await EmulatorProcess.start()
        do {
            let seed = Process()
            seed.executableURL = pythonPath
            seed.arguments = [
                repoRoot.appendingPathComponent("Emulator/seed.py").path, "--endpoint-url",
                emulator.endpoint.absoluteString,
            ]
            seed.currentDirectoryURL = repoRoot
            seed.standardOutput = FileHandle.nullDevice
            seed.standardError = FileHandle.nullDevice
            let status: Int32 = try await withCheckedThrowingContinuation { continuation in
                seed.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do { try seed.run() } catch { continuation.resume(throwing: error) }
            }
            #expect(status == 0)
            var config = try ConfigLoader.load(path: repoRoot.appendingPathComponent("config/demo.yaml").path)
            // Seeded without --routes, every endpoint is podium's own: the demo's stack and pipeline routes would
            // find no stacks or pins, so this world promotes directly (as ConsoleE2EWorld does).
            for index in config.environments.indices { config.environments[index].promotion = nil }
            let environment = [
                "AWS_ENDPOINT_URL": emulator.endpoint.absoluteString, "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing", "HOME": FileManager.default.temporaryDirectory.path,
            ]
            let auditPath = FileManager.default.temporaryDirectory.appendingPathComponent(
                "audit-\(UUID().uuidString).jsonl"
            ).path
            let session = try PodiumSession(
                config: config,
                clientFactory: StandardClientFactory(environment: environment, logger: Logger(label: "test")),
                auditLog: AuditLog(path: auditPath))
            try await body(session, emulator)
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    func counts(_ requests: [EmulatorRequest]) -> [String: Int] {
        Dictionary(requests.map { ($0.operation, 1) }, uniquingKeysWith: +)
    }

    @Test func healthRefreshCallCounts() async throws {
        try await withSeededSession { session, emulator in
            try await emulator.clearRequests()
            let first = try await session.health(environment: "prod")
            let firstCounts = counts(try await emulator.requests())
            #expect(first.endpoints.count == 4)
            let deployed = first.endpoints.filter(\.deployment.exists)
            #expect(deployed.count == 3)
            #expect(first.endpoints.first { $0.endpointName == "churn-prod" }?.deployment.version == 3)
            #expect(first.errors.isEmpty)
            #expect(firstCounts["GetMetricData"] == 1)
            #expect(firstCounts["DescribeAlarms"] == 1)
            #expect(firstCounts["ListEndpoints"] == 1)
            #expect(firstCounts["DescribeEndpoint"] == 3)
            #expect(firstCounts["DescribeEndpointConfig"] == 3)
            #expect(firstCounts["DescribeModel"] == 3)
            print("first prod refresh calls: \(firstCounts.sorted { $0.key < $1.key })")

            try await emulator.clearRequests()
            let second = try await session.health(environment: "prod")
            let secondCounts = counts(try await emulator.requests())
            #expect(secondCounts == ["ListEndpoints": 1, "GetMetricData": 1, "DescribeAlarms": 1])
            #expect(second.endpoints.map(\.deployment.version) == first.endpoints.map(\.deployment.version))
            let prodConfig = try #require(session.config.environment(named: "prod"))
            let churnSpec = try #require(prodConfig.endpoint(named: "churn-prod"))
            var expectedAlarms = prodConfig.deployment.autoRollbackAlarms
            for alarm in churnSpec.alarms where !expectedAlarms.contains(alarm) { expectedAlarms.append(alarm) }
            #expect(!expectedAlarms.isEmpty)
            let churnAlarms = second.endpoints.first { $0.endpointName == "churn-prod" }?.alarms ?? []
            #expect(churnAlarms.map(\.name) == expectedAlarms)
            #expect(churnAlarms.allSatisfy { $0.state != "MISSING" && $0.state != "UNKNOWN" })
            print("steady prod refresh calls: \(secondCounts.sorted { $0.key < $1.key })")

            try await emulator.clearRequests()
            let all = await session.healthOfAll()
            let allCounts = counts(try await emulator.requests())
            #expect(all.count == 3)
            #expect(allCounts["GetMetricData"] == 3)
            print("all-environment refresh calls: \(allCounts.sorted { $0.key < $1.key })")
        }
    }

    @Test func registryDetailAndHistory() async throws {
        try await withSeededSession { session, _ in
            let groups = try await session.groups()
            #expect(groups.map(\.name).contains("churn"))
            let churn = try #require(groups.first { $0.name == "churn" })
            #expect(churn.pending == 1)
            #expect(churn.approved == 3)
            #expect(churn.rejected == 1)
            #expect(churn.latestVersion == 5)
            let pending = try await session.pendingVersions()
            #expect(pending.count == 5)
            #expect(pending.map(\.created) == pending.map(\.created).sorted())
            let detail = try await session.versionDetail(group: "churn", version: 4)
            #expect(detail.evaluation.state == .loaded)
            #expect(detail.deployedIn == ["dev"])
            let prod = try #require(detail.comparisons.first { $0.environment == "prod" })
            #expect(prod.deployedVersion == 3)
            #expect(prod.deltas["auc"] != nil)
            let broken = try await session.versionDetail(group: "demand-forecast", version: 3)
            #expect(broken.evaluation.state == .unreadable)
            let missing = try await session.versionDetail(group: "demand-forecast", version: 4)
            #expect(missing.evaluation.state == .unreadable)
            let history = try await session.history(environment: "prod", endpoint: "churn-prod")
            #expect(history.count == 2)
            #expect(history.first?.isCurrent == true)
            let plan = try await session.planRollback(environment: "prod", endpoint: "churn-prod")
            #expect(plan.currentVersion == 3)
            #expect(plan.newVersion == 1)
        }
    }
}
