/// How often front ends refresh each source.
public struct RefreshIntervals: Sendable, Equatable, Codable {
    /// Registry (groups, versions, pending queue).
    public var registry: Duration
    /// Health (status, metrics, alarms).
    public var health: Duration

    /// Creates intervals.
    public init(registry: Duration = .seconds(30), health: Duration = .seconds(15)) {
        self.registry = registry
        self.health = health
    }
}
