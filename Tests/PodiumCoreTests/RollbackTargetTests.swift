import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// Where a direct rollback goes when the endpoint's history is not a straight line (a reused config, a rollback
/// after a rollback, a traffic change), and the preflight lines of rollback plans. Pure: facts in, plan out.
@Suite struct RollbackTargetTests {
    typealias P = DeploymentPlannerTests

    static func arn(_ version: Int) -> String {
        "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn/\(version)"
    }

    /// The endpoint's own `podium:` tags after a change to `version` from `previous`.
    static func endpointTags(previous: String, version: Int) -> [String: String] {
        [
            PodiumTags.previousEndpointConfig: previous, PodiumTags.packageArn: arn(version),
            PodiumTags.version: String(version),
        ]
    }

    static func facts(
        current: String, version: Int, history: [DeploymentHistoryEntry], endpointTags: [String: String],
        tagged: RollbackFacts.TaggedPrevious? = nil
    ) -> RollbackFacts {
        var facts = P.rollback(
            current: P.running(version: version, config: current), history: history, tagged: tagged)
        facts.routeFacts.endpointTags = endpointTags
        return facts
    }

    /// v1 → v2 → v1: the promotion back to v1 reused v1's config, whose own tag still says `none` (its first
    /// deployment); the endpoint's tag names v2's config. The rollback goes to v2 (it was refused before).
    @Test func afterV1V2V1TheRollbackGoesToV2() throws {
        let history = P.history([
            ("churn-prod-v2-bbbb", 2, "churn-prod-v1-aaaa", 200), ("churn-prod-v1-aaaa", 1, "none", 100),
        ])
        let facts = Self.facts(
            current: "churn-prod-v1-aaaa", version: 1, history: history,
            endpointTags: Self.endpointTags(previous: "churn-prod-v2-bbbb", version: 1))
        let plan = try DeploymentPlanner.planRollback(facts)
        #expect(plan.newEndpointConfig == "churn-prod-v2-bbbb")
        #expect(plan.newVersion == 2 && plan.newPackageArn == Self.arn(2))
        #expect(plan.changeSummary == "churn v1 → churn v2")
        #expect(plan.isAllowed)
    }

    /// Rolling back twice returns to where it started (v3 → v2 → v3), as the stack and pipeline routes do: the
    /// endpoint's tag, rewritten by the first rollback, wins over v2's creation-time tag (which names v1).
    @Test func aRollbackAfterARollbackReturnsToTheVersionBefore() throws {
        let history = P.history([
            ("churn-prod-v3-cccc", 3, "churn-prod-v2-bbbb", 300), ("churn-prod-v2-bbbb", 2, "churn-prod-v1-aaaa", 200),
            ("churn-prod-v1-aaaa", 1, "none", 100),
        ])
        let tagged = RollbackFacts.TaggedPrevious(
            name: "churn-prod-v1-aaaa", exists: true, packageArn: Self.arn(1), version: 1)
        let facts = Self.facts(
            current: "churn-prod-v2-bbbb", version: 2, history: history,
            endpointTags: Self.endpointTags(previous: "churn-prod-v3-cccc", version: 2), tagged: tagged)
        #expect(try DeploymentPlanner.planRollback(facts).newEndpointConfig == "churn-prod-v3-cccc")
    }

    /// A traffic change creates a new config without re-tagging the endpoint: the endpoint's tags still describe
    /// the promotion before it (same package), so the new config's own tag (the config before the change) wins.
    @Test func staleEndpointTagsLoseToTheNewerConfigsOwnTag() throws {
        let history = P.history([
            ("churn-prod-v2-traffic", 2, "churn-prod-v2-bbbb", 300),
            ("churn-prod-v2-bbbb", 2, "churn-prod-v1-aaaa", 200),
            ("churn-prod-v1-aaaa", 1, "none", 100),
        ])
        let tagged = RollbackFacts.TaggedPrevious(
            name: "churn-prod-v2-bbbb", exists: true, packageArn: Self.arn(2), version: 2)
        let facts = Self.facts(
            current: "churn-prod-v2-traffic", version: 2, history: history,
            endpointTags: Self.endpointTags(previous: "churn-prod-v1-aaaa", version: 2), tagged: tagged)
        #expect(try DeploymentPlanner.planRollback(facts).newEndpointConfig == "churn-prod-v2-bbbb")
    }

    /// Endpoint tags of another package (the AddTags after the last update failed) or naming a config podium did
    /// not create for this endpoint are not used.
    @Test func endpointTagsOfAnotherChangeOrAForeignConfigAreIgnored() {
        let history = P.history([
            ("churn-prod-v2-bbbb", 2, "churn-prod-v1-aaaa", 200), ("churn-prod-v1-aaaa", 1, "none", 100),
        ])
        let staleTags = Self.facts(
            current: "churn-prod-v1-aaaa", version: 1, history: history,
            endpointTags: Self.endpointTags(previous: "churn-prod-v2-bbbb", version: 2))
        #expect(throws: PodiumError.self) { try DeploymentPlanner.planRollback(staleTags) }
        let foreign = Self.facts(
            current: "churn-prod-v1-aaaa", version: 1, history: history,
            endpointTags: Self.endpointTags(previous: "hand-made-config", version: 1))
        #expect(throws: PodiumError.self) { try DeploymentPlanner.planRollback(foreign) }
    }

    // MARK: - Preflight in rollback plans

    static let checks = [
        PreflightSummary(
            check: "image", subject: "111111111111.dkr.ecr.eu-west-1.amazonaws.com/churn:2", outcome: "failed",
            detail: "no such image in the repository"),
        PreflightSummary(
            check: "KMS key", subject: "alias/prod", outcome: "warning",
            detail: "podium may not check this: AWS refused kms:DescribeKey", missingAction: "kms:DescribeKey"),
        PreflightSummary(check: "execution role", subject: "arn:aws:iam::3:role/sm", outcome: "passed", detail: "ok"),
    ]

    /// A direct rollback shows its target's checks in the plan (pane, `--plan` and `--json` all print the plan):
    /// a failed check blocks, one that could not be made warns and does not block.
    @Test func aDirectRollbackShowsItsPreflightAndAFailureBlocks() throws {
        let history = P.history([
            ("churn-prod-v2-bbbb", 2, "churn-prod-v1-aaaa", 200), ("churn-prod-v1-aaaa", 1, "none", 100),
        ])
        var facts = Self.facts(
            current: "churn-prod-v1-aaaa", version: 1, history: history,
            endpointTags: Self.endpointTags(previous: "churn-prod-v2-bbbb", version: 1))
        facts.routeFacts.preflight = Self.checks
        let plan = try DeploymentPlanner.planRollback(facts)
        #expect(plan.preflight == Self.checks)
        #expect(
            plan.blockers == [
                "preflight: image 111111111111.dkr.ecr.eu-west-1.amazonaws.com/churn:2: no such image in the repository"
            ])
        #expect(
            plan.warnings == [
                "preflight: could not check KMS key alias/prod: podium may not check this: AWS refused kms:DescribeKey (podium lacks kms:DescribeKey)"
            ])
        #expect(
            plan.lines.contains(
                "  preflight: FAIL image 111111111111.dkr.ecr.eu-west-1.amazonaws.com/churn:2 — no such image in the repository"
            ))
        let json = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
        #expect(json.contains(#""outcome":"failed""#))

        // Only warnings: the rollback may go ahead.
        facts.routeFacts.preflight = Array(Self.checks.dropFirst())
        let allowed = try DeploymentPlanner.planRollback(facts)
        #expect(allowed.isAllowed && allowed.warnings.count == 1)
    }

    /// A stack rollback carries the previous package's checks the same way.
    @Test func aStackRollbackShowsItsPreflight() throws {
        var env = P.env
        env.promotion = PromotionConfig(
            route: .stack, stack: StackTarget(name: "churn-prod-stack", parameter: "PackageArn"))
        var facts = P.rollback(current: P.running(version: 3, config: "stack-chosen"))
        facts.environment = env
        facts.route = .stack
        facts.current.modelPackageArn = Self.arn(3)
        facts.routeFacts = RouteFacts(
            stack: StackFacts(
                name: "churn-prod-stack", parameter: "PackageArn", exists: true, status: "UPDATE_COMPLETE",
                parameterValue: Self.arn(3), parameterKeys: ["PackageArn"]),
            previousPackageArn: Self.arn(2))
        facts.routeFacts.preflight = Self.checks
        let plan = try DeploymentPlanner.planRollback(facts)
        #expect(plan.newPackageArn == Self.arn(2) && plan.preflight == Self.checks)
        #expect(plan.blockers.contains { $0.hasPrefix("preflight: image ") })
        #expect(!plan.blockers.contains { $0.contains("KMS") })
    }
}
