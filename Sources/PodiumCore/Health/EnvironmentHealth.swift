import Foundation

/// One health refresh of an environment: every configured endpoint, fetched together.
public struct EnvironmentHealth: Sendable, Equatable, Codable {
    /// The environment name.
    public var environment: String
    /// When the refresh finished.
    public var fetchedAt: Date
    /// One record per configured endpoint, in config order.
    public var endpoints: [EndpointHealth]
    /// Problems fetching parts of the data (metrics or alarms unavailable); the rest is still shown.
    public var errors: [String]

    /// Creates a refresh result.
    public init(environment: String, fetchedAt: Date, endpoints: [EndpointHealth], errors: [String]) {
        self.environment = environment
        self.fetchedAt = fetchedAt
        self.endpoints = endpoints
        self.errors = errors
    }

    /// The worst endpoint verdict (`unknown` with no endpoints).
    public var level: HealthLevel {
        endpoints.map(\.level).max() ?? .unknown
    }
}
