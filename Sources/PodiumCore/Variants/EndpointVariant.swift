import Foundation

/// One variant of a running endpoint as SageMaker reports it, followed to its model package and version.
public struct EndpointVariant: Sendable, Equatable, Codable {
    /// Whether the variant serves traffic or receives a sampled copy of it.
    public enum Role: String, Sendable, Equatable, Codable {
        /// A production variant: serves its weight's share of requests.
        case production
        /// A shadow variant: gets a copy of a sample of the production variant's requests; its answers are dropped.
        case shadow
    }

    /// The variant name.
    public var name: String
    /// Production or shadow.
    public var role: Role
    /// The SageMaker model the variant runs (from the endpoint config).
    public var modelName: String?
    /// The model package the model was created from.
    public var modelPackageArn: String?
    /// The package's group.
    public var group: String?
    /// The package's version.
    public var version: Int?
    /// The weight in effect. `nil` when the answer had none (stock moto omits it when the config set none).
    public var currentWeight: Double?
    /// The weight being moved to (equal to `currentWeight` when nothing is moving).
    public var desiredWeight: Double?
    /// The instance type (from the endpoint config); `nil` for serverless.
    public var instanceType: String?
    /// Instances running; `nil` when unknown or serverless.
    public var currentInstanceCount: Int?
    /// Instances wanted.
    public var desiredInstanceCount: Int?
    /// Memory and concurrency of a serverless variant.
    public var serverless: ServerlessSettings?

    /// Creates a variant.
    public init(name: String, role: Role = .production) {
        self.name = name
        self.role = role
    }

    /// Whether this is a serverless variant.
    public var isServerless: Bool { serverless != nil }

    /// `ml.m5.large × 2`, `serverless 2048 MB × 5`, or what is known of it.
    public var capacitySummary: String {
        if let serverless { return serverless.summary }
        let count = currentInstanceCount ?? desiredInstanceCount
        return "\(instanceType ?? "?") × \(count.map(String.init) ?? "?")"
    }

    /// `v4`, or `?` when the variant's model was not created from a package.
    public var versionLabel: String { version.map { "v\($0)" } ?? "?" }
}
