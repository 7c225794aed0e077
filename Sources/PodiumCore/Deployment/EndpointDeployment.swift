import Foundation

/// What a configured endpoint runs right now, found by DescribeEndpoint → EndpointConfig → Model → package.
public struct EndpointDeployment: Sendable, Equatable, Codable {
    /// The environment name.
    public var environment: String
    /// The endpoint spec from the config.
    public var spec: EndpointSpec
    /// `false` when the endpoint does not exist ("not deployed").
    public var exists: Bool
    /// SageMaker's `EndpointStatus` (`InService`, `Updating`, `RollingBack`, `Failed`, …).
    public var status: EndpointStatus?
    /// SageMaker's `FailureReason`, when the last change failed.
    public var failureReason: String?
    /// The endpoint config in use.
    public var endpointConfigName: String?
    /// The model behind the variant.
    public var modelName: String?
    /// The model package ARN the model was created from (`ModelPackageName`), when it came from the registry.
    public var modelPackageArn: String?
    /// The model package group, from the package ARN.
    public var group: String?
    /// The version, from the package ARN.
    public var version: Int?
    /// The variant's instance type and count as deployed.
    public var instanceType: String?
    /// The current instance count.
    public var instanceCount: Int?
    /// When the endpoint was created.
    public var created: Date?
    /// When the endpoint last changed (the current deployment's time, for the gate).
    public var lastModified: Date?
    /// SageMaker's `LastDeploymentConfig` strategy summary, when present.
    public var lastDeploymentStrategy: String?
    /// The endpoint config a running deployment is moving to (`PendingDeploymentSummary`).
    public var pendingEndpointConfig: String?
    /// When the endpoint config in use was created.
    public var endpointConfigCreated: Date?
    /// Set when the chain could not be followed (e.g. the model was deleted); the fields above are partial.
    public var problem: String?
    /// Every production and shadow variant, followed to its version, when the endpoint has more than one variant,
    /// a shadow variant or a serverless one (empty for a plain single-variant endpoint). The fields above then
    /// describe the production variant with the most weight.
    public var variants: [EndpointVariant] = []
    /// The name DescribeEndpoint gives the production variant the fields above describe (the config's `variant` when
    /// the endpoint has it, else its first production variant): its metrics are read under this name.
    public var productionVariantName: String?

    /// Creates a deployment record for a configured endpoint.
    public init(environment: String, spec: EndpointSpec, exists: Bool) {
        self.environment = environment
        self.spec = spec
        self.exists = exists
    }

    /// Since when the current config has been live: the later of the endpoint's `LastModifiedTime` and the
    /// config's creation time (the gate's "deployed since").
    public var deployedSince: Date? {
        switch (lastModified, endpointConfigCreated) {
        case (let a?, let b?): return max(a, b)
        case (let a?, nil): return a
        case (nil, let b?): return b
        default: return nil
        }
    }

    /// The endpoint name.
    public var endpointName: String { spec.name }

    /// Whether a deployment is in progress (`Creating`, `Updating`, `SystemUpdating`, `RollingBack`).
    public var isChanging: Bool {
        status?.isChanging ?? false
    }

    /// `group v3`, `not deployed`, or `unknown model` for displays.
    public var versionLabel: String {
        if !exists { return "not deployed" }
        if let group, let version { return "\(group) v\(version)" }
        return modelName.map { "model \($0)" } ?? "unknown model"
    }
}
