/// A promotion gate: the version must first run, healthy, in an earlier environment.
public struct GateConfig: Sendable, Equatable, Codable {
    /// The name of the earlier environment.
    public var requires: String
    /// How long the version must have run healthy there.
    public var healthyFor: Duration

    /// Creates a gate.
    public init(requires: String, healthyFor: Duration) {
        self.requires = requires
        self.healthyFor = healthyFor
    }
}
