import AWSCore
import Foundation

/// After a traffic write got no answer (`UncertainWrite`), reads the endpoint to tell whether it took effect: a
/// shift (UpdateEndpointWeightsAndCapacities) landed when DescribeEndpoint shows the plan's weights, current or
/// desired (SageMaker shows the desired ones while the endpoint is Updating); a config change (UpdateEndpoint) when
/// the endpoint runs, or moves to, the plan's new config. Creates of podium's deterministic names are run again.
/// The rules of the deployments' re-read are reused (`UncertainWriteCheck`): a second look after one poll interval,
/// and the same reading of an endpoint's config.
struct TrafficUncertainWriteCheck: Sendable {
    /// The environment's client.
    let client: AWSClient
    /// Waits between the two looks (injected so tests control time).
    let sleep: @Sendable (Duration) async throws -> Void
    /// How long to wait before the second look.
    let pollInterval: Duration

    /// Reads what `write` would have changed; when it does not show the write, once more after one poll interval.
    func read(_ write: UncertainWrite, plan: TrafficPlan) async throws -> UncertainWriteCheck.Seen {
        try await UncertainWriteCheck.twice(sleep: sleep, pollInterval: pollInterval) {
            await readOnce(write, plan: plan)
        }
    }

    /// Reads what `write` would have changed, once.
    func readOnce(_ write: UncertainWrite, plan: TrafficPlan) async -> UncertainWriteCheck.Seen {
        if let rerun = UncertainWriteCheck.rerunSafe(write.operation) { return rerun }
        let described: DescribeEndpointOutput
        do {
            described = try await client.sageMaker.describeEndpoint(DescribeEndpointInput(endpointName: plan.endpoint))
        } catch {
            if PodiumError.isNotFound(error) { return .notSeen("DescribeEndpoint: \(plan.endpoint) does not exist") }
            return .notSeen("the re-read failed too (\(PodiumError.describe(error)))")
        }
        switch write.operation {
        case .updateEndpointWeightsAndCapacities:
            return Self.weights(plan, described: described)
        case .updateEndpoint:
            guard let config = plan.newEndpointConfig else { break }
            return UncertainWriteCheck.endpointConfig(
                config, endpoint: plan.endpoint, exists: true, status: described.endpointStatus,
                running: described.endpointConfigName, pending: described.pendingDeploymentSummary?.endpointConfigName)
        case .createModel, .createEndpointConfig, .createEndpoint, .updateStack, .putParameter, .updateModelPackage,
            .addTags, .createWorkflowDispatch:
            break
        }
        return .notSeen("podium cannot re-read what \(write.operation.rawValue) changes")
    }

    /// Whether DescribeEndpoint shows the shift: every weight the plan moves is the variant's desired or current
    /// weight. Before the shift each of them was neither (the plan moves only weights that differ, and the executor
    /// refuses when a weight changed since the plan), so seeing them is the shift's effect.
    static func weights(_ plan: TrafficPlan, described: DescribeEndpointOutput) -> UncertainWriteCheck.Seen {
        let summaries = (described.productionVariants ?? []) + (described.shadowProductionVariants ?? [])
        let moved = plan.changes.filter { $0.from != $0.to }
        let shown = moved.map { change -> (WeightChange, ProductionVariantSummary?) in
            (change, summaries.first { $0.variantName == change.variant })
        }
        let landed = shown.allSatisfy { change, summary in
            summary?.desiredWeight == change.to || summary?.currentWeight == change.to
        }
        let text =
            "DescribeEndpoint shows \(plan.endpoint) \(described.endpointStatus) with "
            + shown.map { change, summary in
                guard let summary else { return "no variant \(change.variant)" }
                let current = summary.currentWeight.map(VariantWeights.format) ?? "?"
                let desired = summary.desiredWeight.flatMap {
                    $0 != summary.currentWeight ? " → \(VariantWeights.format($0))" : nil
                }
                return "\(change.variant) \(current)\(desired ?? "")"
            }.joined(separator: ", ")
        if landed { return .landed(text) }
        return .notSeen(
            text + ", not " + moved.map { "\($0.variant) \(VariantWeights.format($0.to))" }.joined(separator: ", "))
    }
}
