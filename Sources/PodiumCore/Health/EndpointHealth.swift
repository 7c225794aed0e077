import Foundation

/// The health of one configured endpoint: deployment, verdict with reasons, metrics and alarms.
public struct EndpointHealth: Sendable, Equatable, Codable {
    /// The environment name.
    public var environment: String
    /// What is deployed.
    public var deployment: EndpointDeployment
    /// The verdict.
    public var level: HealthLevel
    /// Human-readable reasons, most severe first (`5xx 7.2% >= 5%`, `alarm churn-prod-5xx ALARM`).
    public var reasons: [String]
    /// `true` while SageMaker is deploying (`Creating`/`Updating`/`SystemUpdating`).
    public var isDeploying: Bool
    /// Per-minute series and recent summaries.
    public var metrics: EndpointMetrics
    /// The configured alarms (environment rollback alarms plus the endpoint's own).
    public var alarms: [AlarmState]
    /// Per-variant metrics by variant name (the `VariantName` dimension) for endpoints with `deployment.variants`.
    public var variantMetrics: [String: EndpointMetrics] = [:]

    /// Creates an endpoint health record.
    public init(
        environment: String, deployment: EndpointDeployment, level: HealthLevel, reasons: [String], isDeploying: Bool,
        metrics: EndpointMetrics, alarms: [AlarmState]
    ) {
        self.environment = environment
        self.deployment = deployment
        self.level = level
        self.reasons = reasons
        self.isDeploying = isDeploying
        self.metrics = metrics
        self.alarms = alarms
    }

    /// The endpoint name.
    public var endpointName: String { deployment.spec.name }
}
