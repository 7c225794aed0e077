import Foundation

/// What a traffic change will do to an endpoint's variants, shown before anything runs: a shift of weights
/// (UpdateEndpointWeightsAndCapacities, no new config) or the retirement of a variant (a new endpoint config).
public struct TrafficPlan: Sendable, Equatable, Codable {
    /// The kinds of traffic change.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// Move weights between the variants in service.
        case shift
        /// Remove a variant through a new endpoint config of the others.
        case retire
        /// Add a challenger variant from an approved version (a promotion).
        case addVariant = "add_variant"
        /// Add a shadow variant from an approved version: a shadow test (a promotion).
        case addShadow = "add_shadow"
        /// Make the shadow variant's model the production model and end the shadow test (a promotion).
        case promoteShadow = "promote_shadow"
    }

    /// Shift or retire.
    public var kind: Kind
    /// The environment.
    public var environment: String
    /// The endpoint.
    public var endpoint: String
    /// The variants as read for the plan.
    public var current: EndpointVariants
    /// The weights that change (shift), or the weights the remaining variants keep (retire).
    public var changes: [WeightChange]
    /// The variant retired (retire).
    public var retiring: String?
    /// The variant added (add a challenger or a shadow).
    public var addition: VariantAddition?
    /// The endpoint config that will be created (retire).
    public var newEndpointConfig: String?
    /// The AWS calls, in order.
    public var steps: [PlannedCall]
    /// Why it cannot run. Empty when it can.
    public var blockers: [String]
    /// What the operator should know.
    public var warnings: [String]
    /// How it must be confirmed.
    public var confirm: ConfirmMode

    /// Creates a plan.
    public init(
        kind: Kind, environment: String, endpoint: String, current: EndpointVariants, changes: [WeightChange],
        retiring: String? = nil, addition: VariantAddition? = nil, newEndpointConfig: String? = nil,
        steps: [PlannedCall], blockers: [String],
        warnings: [String], confirm: ConfirmMode
    ) {
        self.kind = kind
        self.environment = environment
        self.endpoint = endpoint
        self.current = current
        self.changes = changes
        self.retiring = retiring
        self.addition = addition
        self.newEndpointConfig = newEndpointConfig
        self.steps = steps
        self.blockers = blockers
        self.warnings = warnings
        self.confirm = confirm
    }

    /// Whether the plan may run.
    public var isAllowed: Bool { blockers.isEmpty }

    /// Whether the change makes a new endpoint config (everything but a shift).
    public var makesConfig: Bool { kind != .shift }

    /// Whether there is nothing to do (every weight already as asked).
    public var isNoOp: Bool { kind == .shift && changes.allSatisfy { $0.from == $0.to } }

    /// The plan as printed by the CLI and the console's review pane.
    public var lines: [String] {
        var out: [String] = []
        switch kind {
        case .shift: out.append("Plan: shift traffic on \(endpoint) in \(environment)")
        case .retire: out.append("Plan: retire variant \(retiring ?? "?") of \(endpoint) in \(environment)")
        case .addVariant, .addShadow:
            let what = kind == .addShadow ? "shadow variant" : "challenger variant"
            let added = addition.map { "\($0.name) (\($0.group) v\($0.version))" } ?? "?"
            out.append("Plan: add \(what) \(added) to \(endpoint) in \(environment)")
        case .promoteShadow:
            out.append("Plan: promote the shadow variant of \(endpoint) in \(environment) to production")
        }
        for change in changes { out.append("  \(change.line)") }
        if !steps.isEmpty {
            out.append("  calls:")
            for (index, step) in steps.enumerated() { out.append("    \(index + 1). \(step.line)") }
        }
        for warning in warnings { out.append("  warning: \(warning)") }
        for blocker in blockers { out.append("  refused: \(blocker)") }
        return out
    }
}
