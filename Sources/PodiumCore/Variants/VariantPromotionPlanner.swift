import Foundation

/// Decides challenger and shadow promotions (pure): add a variant from an approved version through a new
/// endpoint config, or make the shadow variant the production one.
public enum VariantPromotionPlanner {
    /// What to add: a challenger with `weight`, or a shadow sampling `samplePercent` of requests.
    public enum Addition: Sendable, Equatable {
        /// A production variant with this weight.
        case challenger(weight: Double)
        /// A shadow variant copying this percentage (1–100) of the production variant's requests.
        case shadow(samplePercent: Double)
    }

    /// A plan that adds `name` running `version` to the endpoint. `gate` is the environment's promotion gate for
    /// the version (nil when it has none): a challenger answers callers, so an unmet gate blocks it as it blocks a
    /// replacing promotion; a shadow's answers are discarded, so for a shadow it is a warning (shadow-testing in
    /// production while the version bakes elsewhere is what shadows are for).
    public static func add(
        _ current: EndpointVariants, version: ModelVersion, name: String, addition: Addition, spec: EndpointSpec,
        environment: EnvironmentConfig, readOnly: Bool, gate: GateStatus? = nil
    ) -> TrafficPlan {
        var blockers = common(current, environment: environment, readOnly: readOnly)
        var warnings: [String] = []
        if version.status != .approved {
            blockers.append("\(version.group) v\(version.version) is \(version.status.rawValue), not Approved")
        }
        if !SageMakerNames.isValid(name) {
            blockers.append("\(name) is not a SageMaker variant name (letters, digits and hyphens, at most 63)")
        }
        if current.variant(named: name) != nil {
            blockers.append("\(current.endpoint) already has a variant \(name)")
        }
        if environment.executionRoleArn == nil {
            blockers.append("\(environment.name) has no execution_role_arn for the new model")
        }
        if let gate, !gate.isMet {
            switch addition {
            case .challenger: blockers += gate.reasons.map { "gate: \($0)" }
            case .shadow: warnings += gate.reasons.map { "gate not met (a shadow answers no caller): \($0)" }
            }
        }
        let kind: TrafficPlan.Kind
        let weight: Double
        let role: EndpointVariant.Role
        switch addition {
        case .challenger(let value):
            kind = .addVariant
            role = .production
            weight = value
            if !(value > 0) || !value.isFinite { blockers.append("bad weights: --weight must be positive") }
            if environment.deployment.kind == .rolling {
                blockers.append(
                    "\(environment.name) deploys with strategy rolling, which SageMaker excludes for multi-variant endpoints"
                )
            }
            if !current.shadow.isEmpty {
                blockers.append(
                    "\(current.endpoint) runs a shadow test: SageMaker allows one production variant beside a shadow variant; promote or retire the shadow first"
                )
            }
        case .shadow(let percent):
            kind = .addShadow
            role = .shadow
            let base = current.production.first?.currentWeight ?? 1
            weight = base * percent / 100
            if !(1...100).contains(percent) { blockers.append("--sample must be between 1 and 100") }
            if current.production.count != 1 {
                blockers.append(
                    "a shadow test needs exactly one production variant; \(current.endpoint) has \(current.production.count)"
                )
            }
            if !current.shadow.isEmpty {
                blockers.append(
                    "\(current.endpoint) already runs a shadow test (\(current.shadow.map(\.name).joined()))")
            }
        }
        let capacity = capacity(for: name, spec: spec, current: current)
        let model = SageMakerNames.resourceName(
            endpoint: current.endpoint, version: version.version, packageArn: version.arn)
        let added = VariantAddition(
            name: name, role: role, weight: weight, group: version.group, version: version.version,
            packageArn: version.arn, modelName: model, capacity: capacity)
        if current.production.contains(where: { $0.version == version.version && $0.group == version.group }) {
            warnings.append("\(version.group) v\(version.version) already runs on \(current.endpoint)")
        }
        let config = configName(current, tag: "\(kind.rawValue)|\(name)|\(version.arn)")
        var changes: [WeightChange] = []
        if role == .production {
            let before = current.production.map { $0.currentWeight ?? 1 }
            let after = before + [weight]
            let beforePercent = VariantWeights.percentages(before)
            let afterPercent = VariantWeights.percentages(after)
            for (index, variant) in current.production.enumerated() {
                changes.append(
                    WeightChange(
                        variant: variant.name, role: .production, from: before[index], to: before[index],
                        fromPercent: beforePercent[index], toPercent: afterPercent[index]))
            }
            changes.append(
                WeightChange(
                    variant: name, role: .production, from: 0, to: weight, fromPercent: 0,
                    toPercent: afterPercent.last ?? 0))
        } else {
            changes.append(
                WeightChange(
                    variant: name, role: .shadow, from: 0, to: weight, fromPercent: 0,
                    toPercent: min(100, percentOf(weight, current))))
        }
        let steps = [
            PlannedCall(operation: "CreateModel", resource: model, detail: "from \(version.arn)"),
            PlannedCall(
                operation: "CreateEndpointConfig", resource: config,
                detail: (current.variants.map(\.name) + [name]).joined(separator: ", ")
                    + " (\(capacity.summary) for \(name))"),
            PlannedCall(operation: "UpdateEndpoint", resource: current.endpoint, detail: "→ \(config)"),
            PlannedCall(operation: "DescribeEndpoint", resource: current.endpoint, detail: "poll until InService"),
        ]
        return TrafficPlan(
            kind: kind, environment: environment.name, endpoint: current.endpoint, current: current, changes: changes,
            addition: added, newEndpointConfig: config, steps: steps, blockers: blockers, warnings: warnings,
            confirm: environment.confirm)
    }

    /// A plan that ends the shadow test by running the shadow variant's model as the production variant.
    public static func promoteShadow(_ current: EndpointVariants, environment: EnvironmentConfig, readOnly: Bool)
        -> TrafficPlan
    {
        var blockers = common(current, environment: environment, readOnly: readOnly)
        let shadow = current.shadow.first
        let production = current.production.first
        if shadow == nil { blockers.append("\(current.endpoint) runs no shadow test") }
        if current.production.count != 1 {
            blockers.append(
                "a shadow test has one production variant; \(current.endpoint) has \(current.production.count)")
        }
        if shadow?.modelName == nil || production?.modelName == nil {
            blockers.append(
                "the models of \(current.endpoint)'s variants are unknown (its endpoint config could not be read)")
        }
        let config = configName(current, tag: "promote-shadow|\(shadow?.modelName ?? "")")
        var changes: [WeightChange] = []
        if let production, shadow != nil {
            changes.append(
                WeightChange(
                    variant: production.name, role: .production, from: production.currentWeight ?? 1,
                    to: production.currentWeight ?? 1, fromPercent: 100, toPercent: 100))
        }
        let from = production.map { "\($0.group ?? "?") \($0.versionLabel)" } ?? "?"
        let to = shadow.map { "\($0.group ?? "?") \($0.versionLabel)" } ?? "?"
        let steps = [
            PlannedCall(
                operation: "CreateEndpointConfig", resource: config,
                detail: "\(production?.name ?? "?") runs \(shadow?.modelName ?? "?") (\(from) → \(to)); no shadow"),
            PlannedCall(operation: "UpdateEndpoint", resource: current.endpoint, detail: "→ \(config)"),
            PlannedCall(operation: "DescribeEndpoint", resource: current.endpoint, detail: "poll until InService"),
        ]
        return TrafficPlan(
            kind: .promoteShadow, environment: environment.name, endpoint: current.endpoint, current: current,
            changes: changes, newEndpointConfig: config, steps: steps, blockers: blockers,
            warnings: shadow.map { ["\($0.name) (\(to)) takes all requests; \(from) stops serving"] } ?? [],
            confirm: environment.confirm)
    }

    /// The new variant's capacity: its own entry in the config's `variants:`, else the endpoint's main variant's.
    static func capacity(for name: String, spec: EndpointSpec, current: EndpointVariants) -> VariantCapacity {
        if let configured = spec.configuredVariants.first(where: { $0.name == name }) { return configured.capacity }
        if let heaviest = current.heaviest {
            if let serverless = heaviest.serverless { return .serverless(serverless) }
            if let type = heaviest.instanceType {
                return .instances(
                    type: type, count: heaviest.desiredInstanceCount ?? heaviest.currentInstanceCount ?? 1)
            }
        }
        return spec.configuredVariants.first?.capacity ?? .instances(type: spec.instanceType, count: spec.instanceCount)
    }

    /// `<endpoint>-c-<8 hex>`: deterministic for (current config, change), so a re-run reuses it.
    static func configName(_ current: EndpointVariants, tag: String) -> String {
        let hash = String(
            format: "%08x",
            UInt32(truncatingIfNeeded: SageMakerNames.fnv1a("\(current.endpointConfigName ?? "")|\(tag)")))
        return SageMakerNames.resourcePrefix(endpoint: current.endpoint) + "-c-" + hash
    }

    private static func percentOf(_ weight: Double, _ current: EndpointVariants) -> Double {
        let base = current.production.first?.currentWeight ?? 1
        return base > 0 ? (weight / base * 1000).rounded() / 10 : 0
    }

    private static func common(_ current: EndpointVariants, environment: EnvironmentConfig, readOnly: Bool)
        -> [String]
    {
        TrafficPlanner.commonBlockers(current, environment: environment, readOnly: readOnly)
    }
}
