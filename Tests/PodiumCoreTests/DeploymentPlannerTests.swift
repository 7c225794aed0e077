import Foundation
import Testing

@testable import PodiumCore

/// The planner is a pure function of facts: every blocker, warning and rollback target is checked here without
/// AWS, a clock or an audit log.
@Suite struct DeploymentPlannerTests {
    static let packageArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn/4"
    static let spec = EndpointSpec(name: "churn-prod", modelPackageGroup: "churn", instanceType: "ml.m5.large")
    static let env = EnvironmentConfig(
        name: "prod", region: "eu-west-1", executionRoleArn: "arn:aws:iam::333333333333:role/sm",
        gate: GateConfig(requires: "preprod", healthyFor: .seconds(3600)), confirm: .typed,
        deployment: DeploymentStrategy(kind: .canary, canaryPercent: 10, autoRollbackAlarms: ["churn-5xx"]),
        endpoints: [spec])

    /// An endpoint running `churn` v3 in service.
    static func running(version: Int = 3, config: String = "churn-prod-v3-aaaa", status: String = "InService")
        -> EndpointDeployment
    {
        var current = EndpointDeployment(environment: "prod", spec: spec, exists: true)
        current.status = EndpointStatus(rawValue: status)
        current.endpointConfigName = config
        current.group = "churn"
        current.version = version
        return current
    }

    /// Facts under which a promotion of v4 may go ahead.
    static func clear() -> PromotionFacts {
        PromotionFacts(
            group: "churn", version: 4, environment: env, endpoint: spec, packageArn: packageArn,
            packageStatus: .approved, current: running(),
            gate: GateStatus(isMet: true, reasons: ["v4 has run healthy in preprod for at least 1h"]),
            readOnlyReason: nil, modelExists: false, endpointConfigExists: false)
    }

    // MARK: - Promotion

    @Test func clearFactsGiveARunnablePlanWithTheDirectCalls() {
        let facts = Self.clear()
        let plan = DeploymentPlanner.planPromotion(facts)
        #expect(plan.isAllowed)
        #expect(plan.blockers.isEmpty && plan.warnings.isEmpty)
        #expect(plan.route == .direct)
        #expect(
            plan.steps.map(\.operation) == [
                "CreateModel", "CreateEndpointConfig", "UpdateEndpoint", "AddTags", "DescribeEndpoint",
            ])
        #expect(plan.steps.allSatisfy { !$0.alreadyDone })
        #expect(plan.newEndpointConfig == facts.resourceName && plan.modelName == facts.resourceName)
        #expect(plan.currentVersion == 3 && plan.newVersion == 4 && plan.currentEndpointConfig == "churn-prod-v3-aaaa")
        #expect(plan.changeSummary == "churn v3 → churn v4")
        #expect(plan.confirm == .typed && plan.alarms == ["churn-5xx"] && !plan.createsEndpoint)
        #expect(plan.steps[2].detail.hasPrefix("churn-prod-v3-aaaa → \(facts.resourceName); canary 10%"))
    }

    @Test func everyBlockerIsListedInOrder() {
        var facts = Self.clear()
        facts.readOnlyReason = "this session is read-only (--read-only)"
        facts.packageStatus = .pending
        facts.environment.executionRoleArn = nil
        facts.current = Self.running(status: "Updating")
        facts.gate = GateStatus(
            isMet: false, reasons: ["churn v4 is not deployed in preprod", "cannot tell since when"])
        let plan = DeploymentPlanner.planPromotion(facts)
        #expect(!plan.isAllowed)
        #expect(
            plan.blockers == [
                "this session is read-only (--read-only)",
                "churn v4 is PendingManualApproval, not Approved",
                "environment prod has no execution_role_arn in the config",
                "churn-prod is Updating; wait until it is InService",
                "gate: churn v4 is not deployed in preprod",
                "gate: cannot tell since when",
            ])
        #expect(plan.lines.suffix(6).allSatisfy { $0.hasPrefix("  refused: ") })
    }

    @Test(arguments: [
        ("read-only environment", "environment prod is read-only (read_only: true)"),
        ("read-only session", "this session is read-only (--read-only)"),
    ])
    func aReadOnlyEnvironmentBlocks(_ label: String, reason: String) {
        var facts = Self.clear()
        facts.readOnlyReason = reason
        #expect(DeploymentPlanner.planPromotion(facts).blockers == [reason], "\(label)")
    }

    @Test(arguments: ["PendingManualApproval", "Rejected"])
    func aVersionThatIsNotApprovedBlocks(_ status: String) {
        var facts = Self.clear()
        facts.packageStatus = ApprovalStatus(rawValue: status)
        #expect(DeploymentPlanner.planPromotion(facts).blockers == ["churn v4 is \(status), not Approved"])
    }

    @Test func anUnknownApprovalStatusBlocks() {
        var facts = Self.clear()
        facts.packageStatus = nil
        #expect(DeploymentPlanner.planPromotion(facts).blockers == ["churn v4 is Unknown, not Approved"])
    }

    @Test(arguments: ["Creating", "Updating", "SystemUpdating", "RollingBack", "UpdateRollbackFailed"])
    func aBusyEndpointBlocks(_ status: String) {
        var facts = Self.clear()
        facts.current = Self.running(status: status)
        #expect(
            DeploymentPlanner.planPromotion(facts).blockers == ["churn-prod is \(status); wait until it is InService"])
    }

    @Test func aFailingGateBlocksWithItsReasonsAndAMissingGateDoesNot() {
        var facts = Self.clear()
        facts.gate = GateStatus(isMet: false, reasons: ["v4 has run in preprod for 10m; the gate needs 1h"])
        #expect(
            DeploymentPlanner.planPromotion(facts).blockers == [
                "gate: v4 has run in preprod for 10m; the gate needs 1h"
            ])
        facts.gate = nil
        #expect(DeploymentPlanner.planPromotion(facts).isAllowed)
    }

    @Test func theSameVersionAlreadyRunningWarnsThatNothingWillChange() {
        var facts = Self.clear()
        facts.modelExists = true
        facts.endpointConfigExists = true
        facts.current = Self.running(version: 4, config: facts.resourceName)
        let plan = DeploymentPlanner.planPromotion(facts)
        #expect(plan.isAllowed)
        #expect(
            plan.warnings == ["churn-prod already runs churn v4 (\(facts.resourceName)); nothing will change"])
        #expect(plan.steps.dropLast().allSatisfy { $0.alreadyDone })
        #expect(plan.steps.last?.operation == "DescribeEndpoint" && plan.steps.last?.alreadyDone == false)
        #expect(plan.steps[0].line.hasSuffix("— exists, reused"))
    }

    @Test func theSameVersionFromAnotherConfigWarnsButStillUpdates() {
        var facts = Self.clear()
        facts.current = Self.running(version: 4, config: "churn-prod-hand-made")
        let plan = DeploymentPlanner.planPromotion(facts)
        #expect(plan.warnings == ["churn-prod already runs churn v4 from another endpoint config"])
        #expect(plan.steps.allSatisfy { !$0.alreadyDone })
    }

    @Test func anEndpointRunningAnotherGroupWarns() {
        var facts = Self.clear()
        facts.current.group = "fraud"
        facts.current.version = 9
        let plan = DeploymentPlanner.planPromotion(facts)
        #expect(plan.warnings == ["churn-prod currently runs group fraud, not churn"])
        #expect(plan.currentVersion == nil)
        #expect(plan.changeSummary == "unknown version → churn v4")
    }

    @Test func aMissingEndpointIsCreated() {
        var facts = Self.clear()
        facts.current = EndpointDeployment(environment: "prod", spec: Self.spec, exists: false)
        let plan = DeploymentPlanner.planPromotion(facts)
        #expect(plan.isAllowed && plan.createsEndpoint)
        #expect(
            plan.steps.map(\.operation) == [
                "CreateModel", "CreateEndpointConfig", "CreateEndpoint", "DescribeEndpoint",
            ])
        #expect(plan.changeSummary == "not deployed → churn v4")
    }

    @Test func thePlanIsAFunctionOfTheFacts() {
        #expect(DeploymentPlanner.planPromotion(Self.clear()) == DeploymentPlanner.planPromotion(Self.clear()))
        var other = Self.clear()
        other.version = 5
        other.packageArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn/5"
        #expect(DeploymentPlanner.planPromotion(other).newEndpointConfig != Self.clear().resourceName)
    }

    // MARK: - Rollback

    static func history(_ entries: [(String, Int, String?, Double)]) -> [DeploymentHistoryEntry] {
        entries.map { name, version, previous, created in
            DeploymentHistoryEntry(
                endpointConfigName: name, created: Date(timeIntervalSince1970: created),
                modelPackageArn: "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn/\(version)",
                version: version, promoter: nil, previousEndpointConfig: previous, isCurrent: false)
        }
    }

    static func rollback(
        current: EndpointDeployment = running(), history: [DeploymentHistoryEntry] = [],
        unfinished: AuditRecord? = nil, tagged: RollbackFacts.TaggedPrevious? = nil, readOnly: String? = nil
    ) -> RollbackFacts {
        RollbackFacts(
            environment: env, endpoint: spec, current: current, history: history, unfinished: unfinished,
            taggedPrevious: tagged, readOnlyReason: readOnly)
    }

    @Test func rollbackGoesToTheTaggedPreviousConfigWhenItExists() throws {
        let history = Self.history([
            ("churn-prod-v3-aaaa", 3, "churn-prod-v2-bbbb", 300), ("churn-prod-v1-cccc", 1, nil, 100),
        ])
        #expect(
            DeploymentPlanner.taggedPrevious(history: history, currentConfig: "churn-prod-v3-aaaa")
                == "churn-prod-v2-bbbb")
        let tagged = RollbackFacts.TaggedPrevious(
            name: "churn-prod-v2-bbbb", exists: true, packageArn: "arn:…/churn/2", version: 2)
        let plan = try DeploymentPlanner.planRollback(Self.rollback(history: history, tagged: tagged))
        #expect(plan.action == .rollback && plan.isAllowed && plan.route == .direct)
        #expect(plan.newEndpointConfig == "churn-prod-v2-bbbb" && plan.newVersion == 2)
        #expect(plan.modelName == nil && !plan.createsEndpoint)
        #expect(plan.steps.map(\.operation) == ["UpdateEndpoint", "AddTags", "DescribeEndpoint"])
        #expect(plan.steps[0].detail.hasPrefix("churn-prod-v3-aaaa → churn-prod-v2-bbbb; "))
    }

    @Test func aDeletedTaggedConfigFallsBackToTheNewestOlderConfig() throws {
        let history = Self.history([
            ("churn-prod-v3-aaaa", 3, "churn-prod-v2-bbbb", 300), ("churn-prod-v1-cccc", 1, nil, 100),
        ])
        let gone = RollbackFacts.TaggedPrevious(
            name: "churn-prod-v2-bbbb", exists: false, packageArn: nil, version: nil)
        let plan = try DeploymentPlanner.planRollback(Self.rollback(history: history, tagged: gone))
        #expect(plan.newEndpointConfig == "churn-prod-v1-cccc" && plan.newVersion == 1)
    }

    @Test func aConfigNewerThanTheCurrentOneIsNoRollbackTarget() {
        let history = Self.history([("churn-prod-v5-dddd", 5, nil, 500), ("churn-prod-v3-aaaa", 3, "none", 300)])
        #expect(DeploymentPlanner.taggedPrevious(history: history, currentConfig: "churn-prod-v3-aaaa") == nil)
        #expect(throws: PodiumError.self) { try DeploymentPlanner.planRollback(Self.rollback(history: history)) }
    }

    @Test func nothingToRollBackToIsARefusal() {
        let error = #expect(throws: PodiumError.self) { try DeploymentPlanner.planRollback(Self.rollback()) }
        #expect(error?.kind == .refused)
        #expect(error?.message == "churn-prod in prod has no previous endpoint config to roll back to")
    }

    @Test func aMissingEndpointCannotBeRolledBack() {
        let missing = EndpointDeployment(environment: "prod", spec: Self.spec, exists: false)
        let error = #expect(throws: PodiumError.self) {
            try DeploymentPlanner.planRollback(Self.rollback(current: missing))
        }
        #expect(error?.kind == .refused)
        #expect(error?.message == "churn-prod is not deployed in prod; there is nothing to roll back")
    }

    @Test func rollbackBlockersAreReadOnlyAndABusyEndpoint() throws {
        let history = Self.history([("churn-prod-v3-aaaa", 3, nil, 300), ("churn-prod-v2-bbbb", 2, nil, 200)])
        let plan = try DeploymentPlanner.planRollback(
            Self.rollback(
                current: Self.running(status: "RollingBack"), history: history,
                readOnly: "environment prod is read-only (read_only: true)"))
        #expect(
            plan.blockers == [
                "environment prod is read-only (read_only: true)",
                "churn-prod is RollingBack; wait until it is InService",
            ])
        #expect(plan.newEndpointConfig == "churn-prod-v2-bbbb")
    }

    @Test func anUnfinishedRollbackThatAlreadyMovedTheEndpointIsOnlyConfirmed() throws {
        let unfinished = AuditRecord(
            time: Date(timeIntervalSince1970: 1_800_000_000), operatorArn: "arn:aws:sts::3:assumed-role/r/u",
            environment: "prod", action: .rollback, target: "churn-prod", plan: [], outcome: .interrupted,
            attempt: "a1", endpointConfig: "churn-prod-v3-aaaa")
        #expect(DeploymentPlanner.resumesRollback(unfinished: unfinished, currentConfig: "churn-prod-v3-aaaa"))
        let history = Self.history([("churn-prod-v3-aaaa", 3, "churn-prod-v2-bbbb", 300)])
        let plan = try DeploymentPlanner.planRollback(Self.rollback(history: history, unfinished: unfinished))
        #expect(plan.newEndpointConfig == "churn-prod-v3-aaaa")
        #expect(plan.steps.prefix(2).allSatisfy { $0.alreadyDone })
        #expect(plan.warnings.count == 1 && plan.warnings[0].contains("this run only confirms it"))
        // An unfinished promotion, or one to another config, is not resumed.
        var promotion = unfinished
        promotion.action = .promote
        #expect(!DeploymentPlanner.resumesRollback(unfinished: promotion, currentConfig: "churn-prod-v3-aaaa"))
        #expect(!DeploymentPlanner.resumesRollback(unfinished: unfinished, currentConfig: "churn-prod-v2-bbbb"))
    }
}
