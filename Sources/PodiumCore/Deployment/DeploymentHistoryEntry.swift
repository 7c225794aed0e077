import Foundation

/// One endpoint config podium created for an endpoint, read back from its tags. Rollback targets.
public struct DeploymentHistoryEntry: Sendable, Equatable, Codable {
    /// The endpoint config name.
    public var endpointConfigName: String
    /// When the config was created.
    public var created: Date?
    /// The model package ARN it deploys.
    public var modelPackageArn: String?
    /// The version it deploys.
    public var version: Int?
    /// Who promoted it (caller ARN).
    public var promoter: String?
    /// The config the endpoint used before this one.
    public var previousEndpointConfig: String?
    /// Whether the endpoint uses it right now.
    public var isCurrent: Bool

    /// Creates an entry.
    public init(
        endpointConfigName: String, created: Date?, modelPackageArn: String?, version: Int?, promoter: String?,
        previousEndpointConfig: String?, isCurrent: Bool
    ) {
        self.endpointConfigName = endpointConfigName
        self.created = created
        self.modelPackageArn = modelPackageArn
        self.version = version
        self.promoter = promoter
        self.previousEndpointConfig = previousEndpointConfig
        self.isCurrent = isCurrent
    }
}
