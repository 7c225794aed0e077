import Foundation

/// The pipeline screen's lower half: the registry account's trigger, then each environment's machinery.
public struct PipelineMachinery: Sendable, Equatable, Codable {
    /// When it was read.
    public var time: Date
    /// The registry account's trigger (approval events are emitted there).
    public var registry: TriggerPanel
    /// Each environment's machinery, in config order.
    public var environments: [EnvironmentMachinery]

    /// Creates the machinery.
    public init(time: Date, registry: TriggerPanel, environments: [EnvironmentMachinery]) {
        self.time = time
        self.registry = registry
        self.environments = environments
    }
}
