import AWSCore
import Foundation

/// A traffic write that got no answer, handled as deployments and approvals handle theirs: the endpoint is re-read
/// (`TrafficUncertainWriteCheck`) and the change followed when it landed, or its outcome reported unknown
/// (`WriteOutcomeUnknown`, audited `unknown`), never "failed", since SageMaker may still carry it out.
extension TrafficExecutor {
    /// Sends the plan's writes: the shift, or the config change. Returns how a write that got no answer was
    /// confirmed (for the success record), or `nil` when every write was answered. A create of podium's
    /// deterministic names that got no answer is run again once (the config change reuses what exists); when the
    /// re-run gets none either, the outcome is unknown.
    func runWrites(
        _ plan: TrafficPlan, current: EndpointVariants, client: AWSClient, operatorArn: String,
        attempt: AuditAttempt, report: @Sendable (DeploymentProgress.Phase, DeploymentProgress.Status?, String) -> Void
    ) async throws -> String? {
        let check = TrafficUncertainWriteCheck(client: client, sleep: context.sleep, pollInterval: context.pollInterval)
        var reran = false
        while true {
            do {
                switch plan.kind {
                case .shift:
                    try await shift(plan, client: client, attempt: attempt)
                    report(.startingDeployment, nil, "UpdateEndpointWeightsAndCapacities \(plan.endpoint)")
                case .retire, .addVariant, .addShadow, .promoteShadow:
                    try await changeConfig(
                        plan, current: current, client: client, operatorArn: operatorArn, attempt: attempt)
                    report(
                        .startingDeployment, nil, "UpdateEndpoint \(plan.endpoint) → \(plan.newEndpointConfig ?? "")")
                }
                return nil
            } catch let write as UncertainWrite {
                let text: String
                switch try await check.read(write, plan: plan) {
                case .landed(let seen): text = seen
                case .landedNotFollowed(let seen), .notSeen(let seen):
                    throw WriteOutcomeUnknown(write: write, seen: seen)
                }
                if write.operation.createsDeterministicName {
                    // Run again; a second create without an answer escapes as it is (audited unknown).
                    guard !reran else { throw write }
                    reran = true
                    report(.deploying, nil, "\(write.call) \(write.reason); \(text)")
                    continue
                }
                report(.deploying, nil, write.carryingOn(text))
                attempt.noteCall(write.call)
                return write.confirmation(text)
            }
        }
    }
}
