/// An event of `executeStream`: progress, then the outcome.
public enum DeploymentEvent: Sendable, Equatable {
    /// A progress report.
    case progress(DeploymentProgress)
    /// The run finished successfully.
    case finished(DeploymentOutcome)
}
