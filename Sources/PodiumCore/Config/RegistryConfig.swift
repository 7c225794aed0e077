/// Where the Model Registry lives; by default the first environment's region and credentials.
public struct RegistryConfig: Sendable, Equatable, Codable {
    /// The registry's region.
    public var region: String
    /// Credentials for reading (and approving in) the registry.
    public var credentials: CredentialsConfig

    /// Creates a registry location.
    public init(region: String, credentials: CredentialsConfig) {
        self.region = region
        self.credentials = credentials
    }
}
