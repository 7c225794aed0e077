import PodiumCore

/// One endpoint row of the dashboard.
public struct DashboardRow: Sendable, Equatable {
    /// The environment.
    public var environment: EnvironmentConfig
    /// The configured endpoint.
    public var spec: EndpointSpec
    /// Its latest health record, once loaded.
    public var health: EndpointHealth?
}
