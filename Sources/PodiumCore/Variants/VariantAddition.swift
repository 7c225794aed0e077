/// The variant a challenger or shadow promotion adds: a new model from an approved package version.
public struct VariantAddition: Sendable, Equatable, Codable {
    /// The new variant's name.
    public var name: String
    /// Production (a challenger with a share of requests) or shadow (a sampled copy).
    public var role: EndpointVariant.Role
    /// Its weight (for a shadow: the sampling share times the production variant's weight).
    public var weight: Double
    /// The package group.
    public var group: String
    /// The package version.
    public var version: Int
    /// The package ARN the model is created from.
    public var packageArn: String
    /// The model that will be created.
    public var modelName: String
    /// Instances or serverless settings.
    public var capacity: VariantCapacity

    /// Creates an addition.
    public init(
        name: String, role: EndpointVariant.Role, weight: Double, group: String, version: Int, packageArn: String,
        modelName: String, capacity: VariantCapacity
    ) {
        self.name = name
        self.role = role
        self.weight = weight
        self.group = group
        self.version = version
        self.packageArn = packageArn
        self.modelName = modelName
        self.capacity = capacity
    }
}
