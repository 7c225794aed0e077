import Foundation
import PodiumCore
import TerminalUI

@testable import PodiumConsole

/// A `ConsoleService` for unit tests of effects: records each call and answers from canned results
/// (unset results fail with "not stubbed"). End-to-end tests use the real `PodiumSession` on the emulator.
final class RecordingService: ConsoleService, @unchecked Sendable {
    private let lock = NSLock()
    private var log: [String] = []
    var approvalResult: Result<ApprovalResult, ConsoleError> = .failure(ConsoleError("not stubbed"))
    var planResult: Result<DeploymentPlan, ConsoleError> = .failure(ConsoleError("not stubbed"))

    /// The calls so far, as `name arguments`.
    var calls: [String] { lock.withLock { log } }

    private func record(_ call: String) { lock.withLock { log.append(call) } }

    func registryCallerIdentity() async throws -> CallerIdentity {
        record("identity")
        throw ConsoleError("not stubbed")
    }

    func health(environment: String, window: Duration?) async throws -> EnvironmentHealth {
        record("health \(environment)")
        return Fixtures.health(Fixtures.config(), env: environment)
    }

    func registryOverview(
        newestDecidedPerGroup: Int, describedPending: Int, progress: (@Sendable (RegistryProgress) -> Void)?
    ) async throws -> RegistryOverview {
        record("registry")
        return RegistryOverview(groups: Fixtures.groups, pending: Fixtures.pending)
    }

    func versions(group: String, describingNewest count: Int) async throws -> [ModelVersion] {
        record("versions \(group)")
        return [Fixtures.version(group, 5), Fixtures.version(group, 4, status: "Approved")]
    }

    func withDetails(_ versions: [ModelVersion]) async -> [ModelVersion] {
        record("describe \(versions.map { "\($0.group)/\($0.version)" }.joined(separator: ","))")
        return versions.map {
            var described = $0
            described.createdBy = "arn:aws:iam::123456789012:user/author-\($0.version)"
            return described
        }
    }

    func versionDetail(group: String, version: Int) async throws -> ModelVersionDetail {
        record("detail \(group) \(version)")
        throw ConsoleError("not stubbed")
    }

    func setApproval(
        group: String, version: Int, decision: ApprovalStatus, comment: String, expectedStatus: ApprovalStatus?
    ) async throws -> ApprovalResult {
        record(
            "setApproval \(group) \(version) \(decision.rawValue) \"\(comment)\" expect=\(expectedStatus?.rawValue ?? "-")"
        )
        return try approvalResult.get()
    }

    func planPromotion(group: String, version: Int, to environment: String, endpoint: String?) async throws
        -> DeploymentPlan
    {
        record("planPromotion \(group) \(version) \(environment) \(endpoint ?? "-")")
        return try planResult.get()
    }

    func planRollback(environment: String, endpoint: String) async throws -> DeploymentPlan {
        record("planRollback \(environment) \(endpoint)")
        return try planResult.get()
    }

    func execute(_ plan: DeploymentPlan, progress: @escaping @Sendable (DeploymentProgress) -> Void)
        async throws -> DeploymentOutcome
    {
        record("execute \(plan.action.rawValue) \(plan.endpoint)")
        progress(DeploymentProgress(phase: .deploying, status: .endpoint(.updating), elapsed: 1, message: "waiting"))
        return DeploymentOutcome(
            plan: plan, status: .inService, elapsed: 2, calls: ["UpdateEndpoint \(plan.endpoint)"])
    }

    func cancelStackUpdate(environment: String, endpoint: String) async throws -> String {
        record("cancelStackUpdate \(environment) \(endpoint)")
        return "\(endpoint)-stack"
    }

    func auditPage(limit: Int) async throws -> AuditPage {
        record("audit")
        return AuditPage(records: [], unreadableLines: 0)
    }
}

/// Collects actions posted by effects.
final class ActionBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ConsoleAction] = []
    func append(_ action: ConsoleAction) { lock.withLock { items.append(action) } }
    var actions: [ConsoleAction] { lock.withLock { items } }
}

/// Runs effects' task bodies to completion (in order) and returns the actions they posted.
func runEffects(_ effects: [Effect<ConsoleAction>]) async -> [ConsoleAction] {
    let box = ActionBox()
    for effect in effects {
        switch effect.operation {
        case .run(_, let body): await body(ActionSender { box.append($0) })
        case .send(let action): box.append(action)
        default: break
        }
    }
    return box.actions
}

/// The ids of the effects that start tasks.
func taskIDs(_ effects: [Effect<ConsoleAction>]) -> [String] {
    effects.compactMap {
        if case .run(let id, _) = $0.operation { return id?.rawValue ?? "-" }
        return nil
    }
}

/// Whether an effect list quits.
func quits(_ effects: [Effect<ConsoleAction>]) -> Bool {
    effects.contains {
        if case .quit = $0.operation { return true }
        return false
    }
}

/// Applies key presses through `update`, returning the effects of the last one.
@discardableResult
func press(_ app: ConsoleApp, _ state: inout ConsoleState, _ keys: Key...) -> [Effect<ConsoleAction>] {
    var effects: [Effect<ConsoleAction>] = []
    for key in keys { effects = app.update(&state, .input(.key(key))) }
    return effects
}

/// Types text through `update`.
func type(_ app: ConsoleApp, _ state: inout ConsoleState, _ text: String) {
    for character in text { _ = app.update(&state, .input(.key(.char(character)))) }
}

/// A sample plan.
func samplePlan(
    environment: String = "prod", endpoint: String = "churn-prod", confirm: ConfirmMode = .typed,
    blockers: [String] = []
)
    -> DeploymentPlan
{
    DeploymentPlan(
        action: .promote, environment: environment, region: "eu-west-1", endpoint: endpoint, group: "churn",
        currentVersion: 3, currentEndpointConfig: "\(endpoint)-v3", newVersion: 4,
        newPackageArn: "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/4",
        newEndpointConfig: "\(endpoint)-v4-abcd", modelName: "\(endpoint)-v4-abcd", createsEndpoint: false,
        variantSummary: "AllTraffic ml.m5.xlarge × 2", strategy: "canary 10%, wait 10m", alarms: ["churn-prod-5xx"],
        steps: [
            PlannedCall(operation: "CreateModel", resource: "\(endpoint)-v4-abcd", detail: ""),
            PlannedCall(operation: "UpdateEndpoint", resource: endpoint, detail: "canary 10%"),
        ], blockers: blockers, warnings: [], confirm: confirm)
}
