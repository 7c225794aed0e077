/// Podium's tag keys on every resource it creates.
public enum PodiumTags {
    /// The model package ARN.
    public static let packageArn = "podium:model-package-arn"
    /// The model package group.
    public static let group = "podium:model-package-group"
    /// The version number.
    public static let version = "podium:version"
    /// The promoter (caller ARN).
    public static let promoter = "podium:promoted-by"
    /// The endpoint config in use before this deployment.
    public static let previousEndpointConfig = "podium:previous-endpoint-config"
    /// The endpoint the resource was made for.
    public static let endpoint = "podium:endpoint"
    /// Marks resources podium created.
    public static let managedBy = "podium:managed-by"
}
