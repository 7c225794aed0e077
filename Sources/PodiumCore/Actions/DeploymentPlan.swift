import Foundation

/// What a promotion or rollback will do, shown before anything runs.
public struct DeploymentPlan: Sendable, Equatable, Codable {
    /// `promote` or `rollback`.
    public var action: DeploymentAction
    /// The environment.
    public var environment: String
    /// The region of the environment.
    public var region: String
    /// The endpoint.
    public var endpoint: String
    /// The model package group.
    public var group: String
    /// The version running now, `nil` if none (or not from the registry).
    public var currentVersion: Int?
    /// The endpoint config in use now, `nil` if the endpoint does not exist.
    public var currentEndpointConfig: String?
    /// The version that will run.
    public var newVersion: Int?
    /// The package ARN that will run.
    public var newPackageArn: String?
    /// The endpoint config that will be in use.
    public var newEndpointConfig: String
    /// The model that will be created (promote), `nil` for rollback.
    public var modelName: String?
    /// Whether the endpoint must be created (it does not exist yet).
    public var createsEndpoint: Bool
    /// The variant settings: `AllTraffic ml.m5.large × 1`.
    public var variantSummary: String
    /// The deployment strategy summary.
    public var strategy: String
    /// The auto-rollback alarms.
    public var alarms: [String]
    /// The AWS calls, in order.
    public var steps: [PlannedCall]
    /// Why the plan cannot run (gate, read-only, endpoint busy, not approved). Empty when it can.
    public var blockers: [String]
    /// Things the operator should know that do not block (e.g. the same version is already deployed).
    public var warnings: [String]
    /// How it must be confirmed.
    public var confirm: ConfirmMode
    /// How it reaches the endpoint; `steps` are that route's calls.
    public var route: DeploymentRoute
    /// The preflight checks in the target account (images, model data, KMS key, execution role); a failed one is
    /// also a blocker, one that could not be made a warning. A rollback checks what its target deploys.
    public var preflight: [PreflightSummary]?

    /// Creates a plan.
    public init(
        action: DeploymentAction, environment: String, region: String, endpoint: String, group: String,
        currentVersion: Int?, currentEndpointConfig: String?, newVersion: Int?, newPackageArn: String?,
        newEndpointConfig: String, modelName: String?, createsEndpoint: Bool, variantSummary: String, strategy: String,
        alarms: [String], steps: [PlannedCall], blockers: [String], warnings: [String], confirm: ConfirmMode,
        route: DeploymentRoute = .direct
    ) {
        self.action = action
        self.environment = environment
        self.region = region
        self.endpoint = endpoint
        self.group = group
        self.currentVersion = currentVersion
        self.currentEndpointConfig = currentEndpointConfig
        self.newVersion = newVersion
        self.newPackageArn = newPackageArn
        self.newEndpointConfig = newEndpointConfig
        self.modelName = modelName
        self.createsEndpoint = createsEndpoint
        self.variantSummary = variantSummary
        self.strategy = strategy
        self.alarms = alarms
        self.steps = steps
        self.blockers = blockers
        self.warnings = warnings
        self.confirm = confirm
        self.route = route
    }

    /// Whether the plan may run.
    public var isAllowed: Bool { blockers.isEmpty }

    /// `churn v3 → v4`, `not deployed → churn v4`.
    public var changeSummary: String {
        let from =
            currentVersion.map { "\(group) v\($0)" }
            ?? (currentEndpointConfig == nil ? "not deployed" : "unknown version")
        let to = newVersion.map { "\(group) v\($0)" } ?? newEndpointConfig
        return "\(from) → \(to)"
    }

    /// The plan as text lines (CLI `--plan`, audit log).
    public var lines: [String] {
        var out: [String] = []
        out.append("\(action.rawValue) \(endpoint) in \(environment) (\(region)): \(changeSummary)")
        out.append("  endpoint config: \(currentEndpointConfig ?? "none") → \(newEndpointConfig)")
        out.append("  variant: \(variantSummary)")
        out.append("  strategy: \(strategy)")
        if route != .direct { out.append("  route: \(route.rawValue)") }
        for (index, step) in steps.enumerated() {
            out.append("  \(index + 1). \(step.line)")
        }
        for check in preflight ?? [] { out.append("  preflight: \(check.line)") }
        for warning in warnings { out.append("  warning: \(warning)") }
        for blocker in blockers { out.append("  refused: \(blocker)") }
        return out
    }
}

/// One AWS call of a plan.
public struct PlannedCall: Sendable, Equatable, Codable {
    /// The operation (`CreateModel`, `CreateEndpointConfig`, `UpdateEndpoint`…).
    public var operation: String
    /// The resource it acts on.
    public var resource: String
    /// Details (`from arn:…`, `canary 10%, wait 10m`).
    public var detail: String
    /// `true` when the resource already exists and the call will be skipped (re-run of an interrupted promotion).
    public var alreadyDone: Bool

    /// Creates a planned call.
    public init(operation: String, resource: String, detail: String, alreadyDone: Bool = false) {
        self.operation = operation
        self.resource = resource
        self.detail = detail
        self.alreadyDone = alreadyDone
    }

    /// `CreateModel churn-prod-v4-1a2b3c4d (from arn:…)`
    public var line: String {
        var text = "\(operation) \(resource)"
        if !detail.isEmpty { text += " (\(detail))" }
        if alreadyDone { text += " — exists, reused" }
        return text
    }
}
