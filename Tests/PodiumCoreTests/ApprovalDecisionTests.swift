import Foundation
import Testing

@testable import PodiumCore

/// Approve and reject decide without I/O: the comment, the read-only refusal, the re-check at the moment of
/// acting (changed since seen, already decided) and the warnings of a reject.
@Suite struct ApprovalDecisionTests {
    static func version(_ status: ApprovalStatus, by: String? = nil, at: Date? = nil) -> ModelVersion {
        ModelVersion(
            group: "churn", version: 4, arn: "arn:aws:sagemaker:us-east-1:1:model-package/churn/4", status: status,
            created: Date(timeIntervalSince1970: 1_700_000_000), lastModified: at, lastModifiedBy: by)
    }

    static func facts(_ decision: ApprovalStatus, expected: ApprovalStatus, current: ModelVersion) -> ApprovalFacts {
        ApprovalFacts(group: "churn", version: 4, decision: decision, expectedStatus: expected, current: current)
    }

    @Test func aPendingVersionMayBeApprovedOrRejected() {
        for decision in [ApprovalStatus.approved, .rejected] {
            let facts = Self.facts(
                decision, expected: .pending, current: Self.version(.pending))
            #expect(ApprovalDecision.refusal(facts) == nil)
        }
    }

    @Test func aVersionChangedSinceSeenIsRefusedNamingWhoAndWhen() throws {
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let current = Self.version(.rejected, by: "arn:aws:sts::1:assumed-role/r/alice", at: at)
        let refusal = try #require(
            ApprovalDecision.refusal(Self.facts(.approved, expected: .pending, current: current)))
        #expect(refusal.kind == .refused)
        #expect(
            refusal.message
                == "churn v4 changed since you saw it: it is now Rejected (expected PendingManualApproval), changed by arn:aws:sts::1:assumed-role/r/alice at \(ISO8601.string(at))"
        )
        #expect(refusal.hint == "review it again (`podium show churn 4`) and retry with --expect-status Rejected")
    }

    @Test func aVersionAlreadyInTheRequestedStatusIsRefused() throws {
        let refusal = try #require(
            ApprovalDecision.refusal(Self.facts(.approved, expected: .approved, current: Self.version(.approved))))
        #expect(refusal.kind == .refused)
        #expect(refusal.message == "churn v4 is already Approved")
        #expect(refusal.hint == "nothing to do")
    }

    @Test func statusesKeepUnknownValuesAndReadTheCLISpelling() {
        #expect(ApprovalStatus(cliValue: "pending") == .pending)
        #expect(ApprovalStatus(cliValue: "APPROVED") == .approved)
        #expect(ApprovalStatus(cliValue: "Weird") == nil)
        #expect(
            ApprovalStatus(rawValue: "Weird") == .other("Weird") && ApprovalStatus.other("Weird").rawValue == "Weird")
        #expect(ApprovalStatus.other("Approved") == .approved)
        #expect(
            EndpointStatus(rawValue: "InService") == .inService
                && EndpointStatus(rawValue: "Paused") == .other("Paused"))
        #expect("\(EndpointStatus.updateRollbackFailed)" == "UpdateRollbackFailed")
    }

    @Test func theCommentIsRequiredAndTrimmed() throws {
        #expect(try ApprovalDecision.comment("  looks good \n") == "looks good")
        let error = #expect(throws: PodiumError.self) { try ApprovalDecision.comment(" \n\t") }
        #expect(error?.kind == .usage)
    }

    @Test func aReadOnlySessionRefusesBeforeAnythingIsRead() {
        let refusal = ApprovalDecision.readOnlyRefusal(.rejected)
        #expect(refusal.kind == .refused)
        #expect(refusal.hint == "run without --read-only to reject")
        #expect(
            ApprovalDecision.action(for: .rejected) == .reject && ApprovalDecision.action(for: .approved) == .approve)
    }

    @Test func rejectingADeployedVersionWarnsForEachEndpointThatRunsIt() {
        let spec = EndpointSpec(name: "churn-dev", modelPackageGroup: "churn", instanceType: "ml.m5.large")
        var running = EndpointDeployment(environment: "dev", spec: spec, exists: true)
        running.group = "churn"
        running.version = 4
        var other = running
        other.version = 3
        other.environment = "prod"
        #expect(
            ApprovalDecision.warnings(decision: .rejected, group: "churn", version: 4, deployments: [running, other])
                == ["v4 is deployed on churn-dev in dev; rejecting does not undeploy it"])
        #expect(
            ApprovalDecision.warnings(decision: .approved, group: "churn", version: 4, deployments: [running]).isEmpty)
    }

    @Test func theUpdatedVersionCarriesTheDecision() {
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let updated = ApprovalDecision.updated(
            Self.version(.pending), decision: .approved, description: "ok — approved by a at t",
            by: "arn:a", at: at)
        #expect(updated.status == .approved && updated.lastModifiedBy == "arn:a" && updated.lastModified == at)
        #expect(updated.approvalDescription == "ok — approved by a at t")
    }
}
