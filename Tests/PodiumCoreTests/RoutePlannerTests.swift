import Foundation
import Testing

@testable import PodiumCore

/// The routes' part of the pure planner: the drift guard, the stack and pipeline calls and blockers, and the
/// rollback target read from the audit log. No AWS, no clock.
@Suite struct RoutePlannerTests {
    static let v3 = "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn/3"
    static let v4 = "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn/4"
    static let spec = EndpointSpec(name: "churn-pre", modelPackageGroup: "churn", instanceType: "ml.m5.large")
    static let stack = StackTarget(name: "{endpoint}-stack", parameter: "ModelPackageArn")

    static func env(_ promotion: PromotionConfig?) -> EnvironmentConfig {
        var env = EnvironmentConfig(
            name: "pre", region: "us-east-1", executionRoleArn: "arn:aws:iam::222222222222:role/sm", endpoints: [spec])
        env.promotion = promotion
        return env
    }

    static func running() -> EndpointDeployment {
        var current = EndpointDeployment(environment: "pre", spec: spec, exists: true)
        current.status = .inService
        current.endpointConfigName = "churn-pre-Config-1"
        current.group = "churn"
        current.version = 3
        current.modelPackageArn = v3
        return current
    }

    static func stackFacts(status: String = "UPDATE_COMPLETE", value: String? = v3) -> StackFacts {
        StackFacts(
            name: "churn-pre-stack", parameter: "ModelPackageArn", exists: true, status: status,
            parameterValue: value, parameterKeys: ["ModelPackageArn", "InstanceType"])
    }

    static func facts(_ promotion: PromotionConfig?, route: RouteFacts) -> PromotionFacts {
        var facts = PromotionFacts(
            group: "churn", version: 4, environment: env(promotion), endpoint: spec,
            route: promotion?.route ?? .direct, packageArn: v4, packageStatus: .approved, current: running(),
            gate: nil, readOnlyReason: nil, modelExists: false, endpointConfigExists: false)
        facts.routeFacts = route
        return facts
    }

    @Test func theDriftGuardRefusesADirectChangeToAStackOwnedEndpoint() {
        let plan = DeploymentPlanner.planPromotion(
            Self.facts(nil, route: RouteFacts(owningStack: "churn-pre-stack")))
        #expect(!plan.isAllowed)
        #expect(
            plan.blockers.contains {
                $0.contains("owned by CloudFormation stack churn-pre-stack") && $0.contains("route: stack")
            })
        // Not owned: the direct plan is unchanged.
        let free = DeploymentPlanner.planPromotion(Self.facts(nil, route: RouteFacts()))
        #expect(free.isAllowed)
        #expect(free.steps.first?.operation == "CreateModel")
        // Ownership unknown (denied): a warning, not a blocker.
        let unknown = DeploymentPlanner.planPromotion(
            Self.facts(nil, route: RouteFacts(ownershipUnknown: "could not check: denied")))
        #expect(unknown.isAllowed && unknown.warnings.contains("could not check: denied"))
    }

    @Test func theStackPlanNamesTheUpdateAndItsFollowUp() {
        let plan = DeploymentPlanner.planPromotion(
            Self.facts(
                PromotionConfig(route: .stack, stack: Self.stack),
                route: RouteFacts(owningStack: "churn-pre-stack", stack: Self.stackFacts())))
        #expect(plan.isAllowed, "\(plan.blockers)")
        #expect(plan.route == .stack)
        #expect(plan.steps.map(\.operation) == ["UpdateStack", "DescribeStackEvents", "DescribeEndpoint"])
        #expect(plan.steps[0].detail.contains("package \(Self.v3) → \(Self.v4) in ModelPackageArn"))
        #expect(plan.steps[0].detail.contains("UsePreviousValue for InstanceType"))
        #expect(plan.lines.contains("  route: stack"))
        #expect(PackageChange.parse(plan.steps[0].line) == PackageChange(old: Self.v3, new: Self.v4))
    }

    @Test func stackBlockers() {
        let config = PromotionConfig(route: .stack, stack: Self.stack)
        let cases: [(RouteFacts, String)] = [
            (
                RouteFacts(stack: StackFacts(name: "churn-pre-stack", parameter: "ModelPackageArn", exists: false)),
                "does not exist"
            ),
            (RouteFacts(stack: Self.stackFacts(status: "UPDATE_IN_PROGRESS")), "is UPDATE_IN_PROGRESS"),
            (
                RouteFacts(
                    stack: StackFacts(
                        name: "churn-pre-stack", parameter: "ModelPackageArn", exists: true, status: "UPDATE_COMPLETE",
                        parameterKeys: ["Other"])), "has no parameter ModelPackageArn"
            ),
            (RouteFacts(owningStack: "someone-else", stack: Self.stackFacts()), "owned by stack someone-else"),
        ]
        for (route, expected) in cases {
            let plan = DeploymentPlanner.planPromotion(Self.facts(config, route: route))
            #expect(plan.blockers.contains { $0.contains(expected) }, "\(expected): \(plan.blockers)")
        }
    }

    @Test func pipelinePlansAndTheMissingToken() {
        let github = GitHubWorkflowConfig(repo: "o/r", workflow: "deploy.yml", tokenEnv: "TOK")
        let config = PromotionConfig(
            route: .pipeline, stack: Self.stack, pipeline: PipelineSettings(trigger: .github(github)))
        var plan = DeploymentPlanner.planPromotion(
            Self.facts(config, route: RouteFacts(stack: Self.stackFacts(), tokenPresent: false)))
        #expect(plan.blockers.contains { $0.contains("TOK is not set") })
        #expect(plan.steps.map(\.operation).prefix(2) == ["CreateWorkflowDispatch", "GetWorkflowRun"])
        let pin = PromotionConfig(
            route: .pipeline, stack: Self.stack,
            pipeline: PipelineSettings(trigger: .pin("/models/{group}/{env}"), startTimeout: .seconds(60)))
        plan = DeploymentPlanner.planPromotion(Self.facts(pin, route: RouteFacts(stack: Self.stackFacts())))
        #expect(plan.isAllowed)
        #expect(
            plan.steps.first?.line.hasPrefix("PutParameter /models/churn/pre (package \(Self.v3) → \(Self.v4)") == true)
        #expect(plan.steps.contains { $0.detail.contains("must start within 1m") })
    }

    @Test func aRouteRollbackUsesThePreviousArnFromTheAuditLog() throws {
        let line =
            "  1. UpdateStack churn-pre-stack (package \(Self.v3) → \(Self.v4) in ModelPackageArn; UsePreviousTemplate)"
        let record = AuditRecord(
            time: Date(timeIntervalSince1970: 0), operatorArn: "a", environment: "pre", action: .promote,
            target: "churn-pre", plan: [line], outcome: .success)
        #expect(
            PackageChange.previous(to: Self.v4, environment: "pre", endpoint: "churn-pre", records: [record]) == Self.v3
        )
        #expect(
            PackageChange.previous(to: Self.v3, environment: "pre", endpoint: "churn-pre", records: [record]) == nil)
        var current = Self.running()
        current.modelPackageArn = Self.v4
        current.version = 4
        var facts = RollbackFacts(
            environment: Self.env(PromotionConfig(route: .stack, stack: Self.stack)), endpoint: Self.spec,
            route: .stack, current: current, history: [], unfinished: nil, taggedPrevious: nil, readOnlyReason: nil)
        facts.routeFacts = RouteFacts(stack: Self.stackFacts(value: Self.v4), previousPackageArn: Self.v3)
        let plan = try DeploymentPlanner.planRollback(facts)
        #expect(plan.newPackageArn == Self.v3 && plan.newVersion == 3)
        #expect(plan.steps.first?.detail.contains("package \(Self.v4) → \(Self.v3)") == true)
        facts.routeFacts.previousPackageArn = nil
        #expect(throws: PodiumError.self) { try DeploymentPlanner.planRollback(facts) }
    }
}
