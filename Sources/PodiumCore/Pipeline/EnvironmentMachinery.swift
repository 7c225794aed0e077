/// The deployment machinery of one environment: its stacks, its trigger, and its GitHub Actions runs.
public struct EnvironmentMachinery: Sendable, Equatable, Codable {
    /// The environment.
    public var environment: String
    /// One panel per stack that owns a configured endpoint.
    public var stacks: [StackPanel]
    /// The environment account's trigger rules.
    public var trigger: TriggerPanel
    /// The newest workflow runs, when a GitHub workflow starts the pipeline.
    public var runs: [WorkflowRunLine]
    /// Why the runs could not be read, `nil` when they were (or no workflow is configured).
    public var runsProblem: String?

    /// Creates the machinery of an environment.
    public init(
        environment: String, stacks: [StackPanel] = [], trigger: TriggerPanel, runs: [WorkflowRunLine] = [],
        runsProblem: String? = nil
    ) {
        self.environment = environment
        self.stacks = stacks
        self.trigger = trigger
        self.runs = runs
        self.runsProblem = runsProblem
    }
}
