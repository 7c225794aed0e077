import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// An approval whose `UpdateModelPackage` got no answer in every attempt (AWSCore's real retries, a scripted
/// transport): podium re-reads the package. It counts as done only when the package holds the decision with this
/// attempt's own description; otherwise the outcome is unknown (audited `unknown`), never a plain failure.
@Suite struct ApprovalUncertainWriteTests {
    static let timeout = TransportError.timedOut("no response from https://aws.test within 1 s")
    static let arn = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/4"

    /// The package as the registry holds it: status and description change when an update is carried out.
    final class Package: Sendable {
        let state = LockedValue((status: "PendingManualApproval", description: String?.none))
    }

    static func world(_ package: Package) throws -> (ScriptedAWS, PodiumSession, String) {
        let aws = ScriptedAWS()
        RecordedCallTests.scriptPromotion(aws)
        let t = RecordedCallTests.now.timeIntervalSince1970
        aws.on("DescribeModelPackage") { _ in
            let (status, description) = package.state.withLock { $0 }
            var body: [String: Any] = [
                "ModelPackageGroupName": "churn", "ModelPackageVersion": 4, "ModelPackageArn": Self.arn,
                "CreationTime": t - 86_400, "ModelPackageStatus": "Completed", "ModelApprovalStatus": status,
            ]
            if let description { body["ApprovalDescription"] = description }
            return ScriptedAWS.json(body)
        }
        let auditPath = RecordedCallTests.auditPath()
        let session = try aws.session(
            config: try RecordedCallTests.config(), auditPath: auditPath, now: { RecordedCallTests.now })
        return (aws, session, auditPath)
    }

    @Test("no answer, but the package holds this approval: done, with a note saying how it was confirmed")
    func landed() async throws {
        let package = Package()
        let (aws, session, auditPath) = try Self.world(package)
        defer { try? FileManager.default.removeItem(atPath: auditPath) }
        aws.failing("UpdateModelPackage") { request in
            let body = ScriptedAWS.body(request)
            package.state.withLock {
                $0 = (body["ModelApprovalStatus"] as? String ?? "", body["ApprovalDescription"] as? String)
            }
            return Self.timeout
        }
        let result = try await session.setApproval(
            group: "churn", version: 4, decision: .approved, comment: "ok", expectedStatus: nil)
        #expect(result.version.status == .approved)
        #expect(await aws.requests("UpdateModelPackage").count == 3)
        let note = try #require(result.warnings.first)
        #expect(note.hasPrefix("confirmed after UpdateModelPackage \(Self.arn) got no answer in 3 attempts"))
        #expect(note.hasSuffix("DescribeModelPackage shows Approved with this approval's description"))
        let records = try AuditLog(path: auditPath).read().records
        #expect(records.map(\.outcome) == [.started, .success])
        #expect(records.last?.error == note)
    }

    @Test("no answer, and the package shows someone else's approval or none: the outcome is unknown")
    func notSeen() async throws {
        for other in [String?.none, "approved by bob"] {
            let package = Package()
            let (aws, session, auditPath) = try Self.world(package)
            defer { try? FileManager.default.removeItem(atPath: auditPath) }
            aws.failing("UpdateModelPackage") { _ in
                if let other { package.state.withLock { $0 = ("Approved", other) } }
                return Self.timeout
            }
            let error = await #expect(throws: PodiumError.self) {
                try await session.setApproval(
                    group: "churn", version: 4, decision: .approved, comment: "ok", expectedStatus: nil)
            }
            let message = error?.message ?? ""
            #expect(message.hasPrefix("outcome unknown: UpdateModelPackage \(Self.arn) got no answer in 3 attempts"))
            let seen =
                other == nil
                ? "re-read: DescribeModelPackage shows PendingManualApproval."
                : "re-read: DescribeModelPackage shows Approved with another description (someone else's decision?)."
            #expect(message.contains(seen), "\(message)")
            #expect(try AuditLog(path: auditPath).read().records.map(\.outcome) == [.started, .unknown])
        }
    }
}
