import Foundation

/// Decides traffic plans from what was read (pure: no I/O, so every refusal is unit-tested).
public enum TrafficPlanner {
    /// A plan that moves the weights of `requested` variants (name → new weight; the others keep theirs).
    public static func shift(
        _ current: EndpointVariants, requested: [(variant: String, weight: Double)], environment: EnvironmentConfig,
        readOnly: Bool
    ) -> TrafficPlan {
        var blockers = commonBlockers(current, environment: environment, readOnly: readOnly)
        var warnings: [String] = []
        var wanted: [String: Double] = [:]
        for (name, weight) in requested {
            if wanted[name] != nil {
                blockers.append("bad weights: \(name) is given twice")
            } else if current.variant(named: name) == nil {
                let known = current.variants.map(\.name).joined(separator: ", ")
                blockers.append("bad weights: \(current.endpoint) has no variant \(name) (it has \(known))")
            } else if !weight.isFinite || weight < 0 {
                blockers.append("bad weights: the weight of \(name) must be a number of 0 or more, not \(weight)")
            }
            wanted[name] = weight
        }
        if requested.isEmpty { blockers.append("bad weights: give at least one --set VARIANT=WEIGHT") }
        let production = current.production
        let before = production.map { $0.currentWeight ?? 1 }
        let after = production.map { wanted[$0.name] ?? $0.currentWeight ?? 1 }
        if !production.isEmpty, after.allSatisfy({ $0 <= 0 }) {
            blockers.append(
                "bad weights: every production variant would get weight 0, so nothing would serve requests")
        }
        let beforePercent = VariantWeights.percentages(before)
        let afterPercent = VariantWeights.percentages(after)
        var changes: [WeightChange] = []
        for (index, variant) in production.enumerated() {
            changes.append(
                WeightChange(
                    variant: variant.name, role: .production, from: before[index], to: after[index],
                    fromPercent: beforePercent[index], toPercent: afterPercent[index]))
        }
        let baseBefore = before.first ?? 1
        let baseAfter = after.first ?? 1
        for variant in current.shadow {
            let from = variant.currentWeight ?? 1
            let to = wanted[variant.name] ?? from
            changes.append(
                WeightChange(
                    variant: variant.name, role: .shadow, from: from, to: to,
                    fromPercent: sampling(from, base: baseBefore), toPercent: sampling(to, base: baseAfter)))
        }
        let moved = changes.filter { $0.from != $0.to }
        if moved.isEmpty, blockers.isEmpty {
            warnings.append("the weights are already as asked: nothing to change")
        }
        for change in moved where change.role == .production && change.to == 0 {
            warnings.append("\(change.variant) will serve no requests (it keeps its instances until retired)")
        }
        let steps: [PlannedCall] =
            moved.isEmpty
            ? []
            : [
                PlannedCall(
                    operation: "UpdateEndpointWeightsAndCapacities", resource: current.endpoint,
                    detail: moved.map { "\($0.variant)=\(VariantWeights.format($0.to))" }.joined(separator: ", ")),
                PlannedCall(
                    operation: "DescribeEndpoint", resource: current.endpoint,
                    detail: "poll until InService with the weights current"),
            ]
        return TrafficPlan(
            kind: .shift, environment: environment.name, endpoint: current.endpoint, current: current,
            changes: changes, steps: steps, blockers: blockers, warnings: warnings, confirm: environment.confirm)
    }

    /// A plan that removes `variant` through a new endpoint config holding the other variants as they are.
    public static func retire(
        _ current: EndpointVariants, variant name: String, environment: EnvironmentConfig, readOnly: Bool
    ) -> TrafficPlan {
        var blockers = commonBlockers(current, environment: environment, readOnly: readOnly)
        var warnings: [String] = []
        let remaining = current.variants.filter { $0.name != name }
        if let retired = current.variant(named: name) {
            if retired.role == .production, !remaining.contains(where: { $0.role == .production }) {
                blockers.append("\(name) is the only production variant of \(current.endpoint): it cannot be retired")
            }
            if retired.role == .production, let share = current.trafficPercent(of: name), share > 0 {
                warnings.append(
                    "\(name) still serves \(WeightChange.percent(share)) of requests; the others take its share (shift it to 0 first to move it gradually)"
                )
            }
        } else {
            let known = current.variants.map(\.name).joined(separator: ", ")
            blockers.append("\(current.endpoint) has no variant \(name) (it has \(known))")
        }
        if remaining.contains(where: { $0.modelName == nil }) {
            blockers.append(
                "the models of \(current.endpoint)'s variants are unknown (its endpoint config could not be read)")
        }
        let config = retiredConfigName(current, variant: name)
        let production = remaining.filter { $0.role == .production }
        let weights = production.map { $0.currentWeight ?? 1 }
        let percents = VariantWeights.percentages(weights)
        var changes: [WeightChange] = []
        for (index, variant) in production.enumerated() {
            changes.append(
                WeightChange(
                    variant: variant.name, role: .production, from: weights[index], to: weights[index],
                    fromPercent: current.trafficPercent(of: variant.name) ?? 0, toPercent: percents[index]))
        }
        let kept = remaining.map(\.name).joined(separator: ", ")
        let steps = [
            PlannedCall(operation: "CreateEndpointConfig", resource: config, detail: "variants \(kept)"),
            PlannedCall(operation: "UpdateEndpoint", resource: current.endpoint, detail: "→ \(config)"),
            PlannedCall(operation: "DescribeEndpoint", resource: current.endpoint, detail: "poll until InService"),
        ]
        return TrafficPlan(
            kind: .retire, environment: environment.name, endpoint: current.endpoint, current: current,
            changes: changes, retiring: name, newEndpointConfig: config, steps: steps, blockers: blockers,
            warnings: warnings, confirm: environment.confirm)
    }

    /// `<endpoint>-r-<8 hex>`: deterministic for (current config, variant), so a re-run finds what it created.
    static func retiredConfigName(_ current: EndpointVariants, variant: String) -> String {
        let hash = String(
            format: "%08x",
            UInt32(truncatingIfNeeded: SageMakerNames.fnv1a("retire|\(current.endpointConfigName ?? "")|\(variant)")))
        return SageMakerNames.resourcePrefix(endpoint: current.endpoint) + "-r-" + hash
    }

    /// What refuses any change of an endpoint's variants: a read-only environment, an endpoint not InService.
    static func commonBlockers(_ current: EndpointVariants, environment: EnvironmentConfig, readOnly: Bool)
        -> [String]
    {
        var blockers: [String] = []
        if readOnly || environment.readOnly {
            blockers.append("\(environment.name) is read-only: podium changes nothing there")
        }
        if current.status != .inService {
            let status = current.status.map { "\($0)" } ?? "unknown"
            blockers.append("\(current.endpoint) is \(status), not InService: wait until its change finishes")
        }
        return blockers
    }

    private static func sampling(_ weight: Double, base: Double) -> Double {
        guard base > 0 else { return 0 }
        return min(100, (weight / base * 1000).rounded() / 10)
    }
}
