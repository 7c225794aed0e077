/// One SageMaker endpoint that podium manages in an environment.
public struct EndpointSpec: Sendable, Equatable, Codable {
    /// The SageMaker endpoint name.
    public var name: String
    /// The model package group whose versions this endpoint serves.
    public var modelPackageGroup: String
    /// The production variant name (default `AllTraffic`).
    public var variant: String
    /// The instance type, e.g. `ml.m5.large`.
    public var instanceType: String
    /// The initial instance count (default 1).
    public var instanceCount: Int
    /// Extra CloudWatch alarms shown in this endpoint's health (besides the environment's rollback alarms).
    public var alarms: [String]
    /// The variants the config lists (`variants:`); empty for the single-variant form (`variant`, `instance_type`,
    /// `instance_count`). When set, `variant`, `instanceType` and `instanceCount` describe the heaviest variant.
    public var variants: [VariantSpec] = []

    /// Creates an endpoint spec.
    public init(
        name: String, modelPackageGroup: String, variant: String = "AllTraffic", instanceType: String,
        instanceCount: Int = 1, alarms: [String] = []
    ) {
        self.name = name
        self.modelPackageGroup = modelPackageGroup
        self.variant = variant
        self.instanceType = instanceType
        self.instanceCount = instanceCount
        self.alarms = alarms
    }
}

extension EndpointSpec {
    /// The variants this endpoint is configured with: `variants:`, or the single variant of the short form.
    public var configuredVariants: [VariantSpec] {
        if !variants.isEmpty { return variants }
        return [VariantSpec(name: variant, capacity: .instances(type: instanceType, count: instanceCount))]
    }

    /// Whether the configured (heaviest) variant is serverless.
    public var isServerless: Bool {
        configuredVariants.first { $0.name == variant }?.capacity.isServerless ?? false
    }
}
