import Foundation
import PodiumCore
import Testing

/// The ledger's flags, decided from facts without AWS (issue 13).
struct LedgerEvaluatorTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func arn(_ version: Int) -> String {
        "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/\(version)"
    }

    static func facts(
        running version: Int? = 2, exists: Bool = true, changing: Bool = false, status: ApprovalStatus? = .approved,
        listed: Bool? = true, latest: Int? = 2
    ) -> LedgerFacts {
        LedgerFacts(
            group: "churn", environment: "prod", endpoint: "churn-prod",
            latestApproved: latest.map { LedgerFacts.Version(version: $0, arn: arn($0)) },
            running: LedgerFacts.Running(
                exists: exists, status: exists ? (changing ? "Updating" : "InService") : nil, changing: changing,
                endpointConfig: version.map { "churn-prod-v\($0)" }, packageArn: version.map(arn), version: version,
                packageStatus: status, packageListed: listed))
    }

    static func kinds(_ facts: LedgerFacts) -> [LedgerFlag.Kind] {
        LedgerEvaluator.flags(facts, now: now).map(\.kind)
    }

    @Test func aRowRunningTheLatestApprovedVersionHasNoFlag() {
        #expect(Self.kinds(Self.facts()).isEmpty)
    }

    @Test func approvedNotDeployed() {
        #expect(Self.kinds(Self.facts(running: 1, latest: 2)) == [.approvedNotDeployed])
        let missing = LedgerEvaluator.flags(Self.facts(running: nil, exists: false), now: Self.now)
        #expect(missing.map(\.kind) == [.approvedNotDeployed])
        #expect(missing.first?.reason == "v2 is Approved; the endpoint does not exist")
        // A version newer than the latest Approved one (dev runs a pending version) is not behind.
        #expect(Self.kinds(Self.facts(running: 3, status: .pending, latest: 2)).isEmpty)
        // No Approved version at all: nothing should run yet.
        #expect(Self.kinds(Self.facts(running: nil, exists: false, latest: nil)).isEmpty)
    }

    @Test func deployedButRejectedOrDeleted() {
        #expect(Self.kinds(Self.facts(status: .rejected, latest: 1)) == [.deployedButRejected])
        let deleted = LedgerEvaluator.flags(Self.facts(status: nil, listed: false, latest: 2), now: Self.now)
        #expect(deleted.map(\.kind) == [.packageDeleted])
        #expect(deleted.first?.reason == "churn v2 runs here but is no longer in the registry")
        // An unknown status (the registry could not be read) raises nothing.
        #expect(Self.kinds(Self.facts(status: nil, listed: nil)).isEmpty)
    }

    @Test func pinDiffersFromWhatRuns() {
        var facts = Self.facts()
        facts.pin = LedgerFacts.Pin(name: "/models/churn/prod", value: Self.arn(3))
        let flags = LedgerEvaluator.flags(facts, now: Self.now)
        #expect(flags.map(\.kind) == [.pinMismatch])
        #expect(flags.first?.reason == "pin /models/churn/prod = churn v3, the endpoint runs churn v2")
        facts.pin?.value = Self.arn(2)
        #expect(Self.kinds(facts).isEmpty)
        // An unset pin is not a mismatch; nor is a pin ahead of an endpoint that is updating.
        facts.pin?.value = nil
        #expect(Self.kinds(facts).isEmpty)
        var updating = Self.facts(changing: true)
        updating.pin = LedgerFacts.Pin(name: "/models/churn/prod", value: Self.arn(3))
        #expect(Self.kinds(updating).isEmpty)
    }

    @Test func silentRollbackFromTheAuditLogTheTagsOrTheStack() {
        // The endpoint runs v2 (churn-prod-v2); the last promotion moved it from v2 to v3: it is back on v2.
        var facts = Self.facts()
        facts.lastPromotions = [
            LedgerFacts.Promotion(
                source: .auditLog, endpointConfig: "churn-prod-v3", previousEndpointConfig: "churn-prod-v2")
        ]
        var flags = LedgerEvaluator.flags(facts, now: Self.now)
        #expect(flags.map(\.kind) == [.silentRollback])
        #expect(
            flags.first?.reason
                == "the last promotion (podium's audit log) moved the endpoint from churn-prod-v2 to churn-prod-v3; it is back on churn-prod-v2 (churn v2)"
        )

        facts.lastPromotions = [
            LedgerFacts.Promotion(
                source: .endpointTags, packageArn: Self.arn(3), previousEndpointConfig: "churn-prod-v2")
        ]
        flags = LedgerEvaluator.flags(facts, now: Self.now)
        #expect(
            flags.first?.reason.contains(
                "(the endpoint's podium tags) moved the endpoint from churn-prod-v2 to churn v3") == true)

        // Another tool moved the endpoint on to something else since: not a rollback.
        facts.lastPromotions = [
            LedgerFacts.Promotion(
                source: .endpointTags, packageArn: Self.arn(3), previousEndpointConfig: "churn-prod-v1")
        ]
        #expect(Self.kinds(facts).isEmpty)
        // The promotion took: not a rollback.
        facts.lastPromotions = [
            LedgerFacts.Promotion(
                source: .endpointTags, packageArn: Self.arn(2), previousEndpointConfig: "churn-prod-v1")
        ]
        #expect(Self.kinds(facts).isEmpty)

        // A stack or pipeline promotion names packages: back on the package it moved away from.
        facts.lastPromotions = [
            LedgerFacts.Promotion(source: .auditLog, packageArn: Self.arn(3), previousPackageArn: Self.arn(2))
        ]
        flags = LedgerEvaluator.flags(facts, now: Self.now)
        #expect(
            flags.first?.reason.contains("moved the endpoint from churn v2 to churn v3; it runs churn v2 again") == true
        )
        facts.lastPromotions = []

        facts.stack = LedgerFacts.Stack(
            name: "churn-prod-stack", exists: true, status: "UPDATE_ROLLBACK_COMPLETE", parameter: "ModelPackageArn",
            parameterValue: Self.arn(2))
        flags = LedgerEvaluator.flags(facts, now: Self.now)
        #expect(flags.map(\.kind) == [.silentRollback])
        #expect(flags.first?.reason == "stack churn-prod-stack rolled back its last change (UPDATE_ROLLBACK_COMPLETE)")

        facts.stack?.status = "UPDATE_COMPLETE"
        facts.stack?.parameterValue = Self.arn(1)
        #expect(Self.kinds(facts) == [.silentRollback])
        // While the stack updates, its parameter is ahead of the endpoint by design.
        facts.stack?.status = "UPDATE_IN_PROGRESS"
        #expect(Self.kinds(facts).isEmpty)
    }

    @Test func stackDriftWithItsAge() {
        var facts = Self.facts()
        facts.stack = LedgerFacts.Stack(
            name: "churn-prod-stack", exists: true, status: "UPDATE_COMPLETE", parameter: "ModelPackageArn",
            parameterValue: Self.arn(2), driftStatus: "DRIFTED", driftChecked: Self.now.addingTimeInterval(-7200))
        let flags = LedgerEvaluator.flags(facts, now: Self.now)
        #expect(flags.map(\.kind) == [.stackDrift])
        #expect(flags.first?.reason == "stack churn-prod-stack DRIFTED at the last drift detection 2h ago")
        facts.stack?.driftStatus = "IN_SYNC"
        #expect(Self.kinds(facts).isEmpty)
        // Drift is judged even when the endpoint could not be read.
        facts.stack?.driftStatus = "DRIFTED"
        facts.running = nil
        #expect(Self.kinds(facts) == [.stackDrift])
    }

    @Test func everyFlagAtOnceInAStableOrder() {
        var facts = Self.facts(running: 1, status: .rejected, latest: 3)
        facts.pin = LedgerFacts.Pin(name: "/p", value: Self.arn(3))
        facts.lastPromotions = [
            LedgerFacts.Promotion(
                source: .endpointTags, packageArn: Self.arn(3), previousEndpointConfig: "churn-prod-v1")
        ]
        facts.stack = LedgerFacts.Stack(
            name: "s", exists: true, status: "UPDATE_COMPLETE", parameter: "P", parameterValue: Self.arn(1),
            driftStatus: "DRIFTED")
        #expect(
            Self.kinds(facts) == [
                .approvedNotDeployed, .deployedButRejected, .pinMismatch, .silentRollback, .stackDrift,
            ])
    }
}
