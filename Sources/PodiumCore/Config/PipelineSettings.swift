/// How podium starts an environment's pipeline (`pipeline:`), and how long it waits for the pipeline to start.
public struct PipelineSettings: Sendable, Equatable, Codable {
    /// What starts the pipeline.
    public enum Trigger: Sendable, Equatable, Codable {
        /// Write the package ARN to this SSM parameter (a pattern: `/models/{group}/{env}`); the pipeline reads it.
        case pin(String)
        /// Dispatch this GitHub Actions workflow with the inputs `environment` and `model_package_arn`.
        case github(GitHubWorkflowConfig)
        /// The approval in the registry is the trigger (the pipeline deploys the latest Approved version).
        case approveOnly
    }

    /// What starts the pipeline.
    public var trigger: Trigger
    /// How long podium waits for the pipeline to start before it reports that it did not.
    public var startTimeout: Duration

    /// Creates pipeline settings.
    public init(trigger: Trigger, startTimeout: Duration = .seconds(300)) {
        self.trigger = trigger
        self.startTimeout = startTimeout
    }

    /// `pin`, `github` or `approve_only`, as in the config.
    public var triggerName: String {
        switch trigger {
        case .pin: return "pin"
        case .github: return "github"
        case .approveOnly: return "approve_only"
        }
    }
}
