import AWSCore
import Foundation
import Logging
import PodiumTestSupport
import Testing

@testable import PodiumCore

/// The registry reads against the emulator with a bulk registry of 4 groups × 25 versions: the number of AWS
/// calls each read costs, counted from the emulator's request log (issue 11: describe only what is asked for,
/// once per version and approval status).
@Suite(.serialized) struct RegistryCallCountTests {
    static let groups = 4
    static let versionsPerGroup = 25

    func withBulkSession(_ body: (PodiumSession, EmulatorProcess) async throws -> Void) async throws {
        let emulator = try await EmulatorProcess.start()
        do {
            try await emulator.bulkRegistry(
                groups: Self.groups, versions: Self.versionsPerGroup, pendingFraction: 0.25)
            let config = try ConfigLoader.load(path: repoRoot.appendingPathComponent("config/demo.yaml").path)
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
            try await emulator.clearRequests()
            try await body(session, emulator)
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    func calls(_ emulator: EmulatorProcess) async throws -> [String: Int] {
        let log = try await emulator.requests()
        try await emulator.clearRequests()
        return Dictionary(log.map { ($0.operation, 1) }, uniquingKeysWith: +)
    }

    /// Changes a version's status behind podium's back (another operator, the pipeline).
    func setStatus(_ session: PodiumSession, _ arn: String, _ status: ApprovalStatus) async throws {
        _ = try await session.registryClient.sageMaker.updateModelPackage(
            UpdateModelPackageInput(
                modelPackageArn: arn, modelApprovalStatus: status.rawValue, approvalDescription: "changed in test"))
    }

    @Test func versionsWithoutDetailsAreOneListPageAndDetailsAreDescribedOnce() async throws {
        try await withBulkSession { session, emulator in
            let plain = try await session.versions(group: "model-000", details: false)
            #expect(try await calls(emulator) == ["ListModelPackages": 1])
            #expect(plain.map(\.version) == Array((1...Self.versionsPerGroup).reversed()))
            #expect(plain.allSatisfy { $0.lastModified == nil && $0.createdBy == nil })

            let detailed = try await session.versions(group: "model-000", details: true)
            #expect(
                try await calls(emulator) == ["ListModelPackages": 1, "DescribeModelPackage": Self.versionsPerGroup])
            // CreatedBy is a describe-only field (moto names a Studio profile).
            #expect(detailed.allSatisfy { $0.createdBy != nil })

            // Unchanged: served from the cache.
            let again = try await session.versions(group: "model-000", details: true)
            #expect(try await calls(emulator) == ["ListModelPackages": 1])
            #expect(again == detailed)

            // A status change seen in the summary invalidates that version's entry, and only that one.
            let changed = try #require(detailed.first { $0.status == .pending })
            try await setStatus(session, changed.arn, .approved)
            _ = try await calls(emulator)
            let after = try await session.versions(group: "model-000", details: true)
            #expect(try await calls(emulator) == ["ListModelPackages": 1, "DescribeModelPackage": 1])
            #expect(after.first { $0.arn == changed.arn }?.approvalDescription == "changed in test")
        }
    }

    @Test func overviewIsThePagedListMinimumPlusBoundedDescribes() async throws {
        try await withBulkSession { session, emulator in
            let bound = 3
            let progress = ProgressLog()
            let first = try await session.registryOverview(newestDecidedPerGroup: bound) { progress.append($0) }
            // 1 ListModelPackageGroups page + one ListModelPackages page per group; `bound` describes per group.
            #expect(
                try await calls(emulator) == [
                    "ListModelPackageGroups": 1, "ListModelPackages": Self.groups,
                    "DescribeModelPackage": Self.groups * bound,
                ])
            let pendingPerGroup = 6  // round(25 × 0.25)
            #expect(first.groups.map(\.pending) == Array(repeating: pendingPerGroup, count: Self.groups))
            #expect(first.pending.count == Self.groups * pendingPerGroup)
            #expect(first.pending.allSatisfy { $0.status == .pending })
            #expect(first.recentChanges.count == Self.groups * bound)
            #expect(progress.last?.text == RegistryProgress(groupsDone: Self.groups, groupsTotal: Self.groups).text)
            #expect(progress.count == Self.groups + 1)
            // Every report after the first carries its group and that group's pending versions (partial results).
            #expect(Set(progress.all.dropFirst().compactMap { $0.group?.name }).count == Self.groups)
            #expect(progress.all.dropFirst().map { $0.pending.count }.reduce(0, +) == Self.groups * pendingPerGroup)

            // Idle: the lists again, no describe.
            let second = try await session.registryOverview(newestDecidedPerGroup: bound)
            #expect(try await calls(emulator) == ["ListModelPackageGroups": 1, "ListModelPackages": Self.groups])
            #expect(second == first)

            // An old version rejected→approved between refreshes is described and shows as a recent change.
            let old = try await session.versions(group: "model-002", details: false).first { $0.version == 4 }
            let oldVersion = try #require(old)
            #expect(oldVersion.status == .rejected)
            try await setStatus(session, oldVersion.arn, .approved)
            _ = try await calls(emulator)
            let third = try await session.registryOverview(newestDecidedPerGroup: bound)
            #expect(
                try await calls(emulator) == [
                    "ListModelPackageGroups": 1, "ListModelPackages": Self.groups, "DescribeModelPackage": 1,
                ])
            #expect(third.recentChanges.first?.arn == oldVersion.arn)
            #expect(third.groups.first { $0.name == "model-002" }?.approved == first.groups[2].approved + 1)
        }
    }
}

/// Progress reports collected from a concurrent callback.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [RegistryProgress] = []

    func append(_ report: RegistryProgress) {
        lock.lock()
        reports.append(report)
        lock.unlock()
    }

    var last: RegistryProgress? {
        lock.lock()
        defer { lock.unlock() }
        return reports.last
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return reports.count
    }

    var all: [RegistryProgress] {
        lock.lock()
        defer { lock.unlock() }
        return reports
    }
}
