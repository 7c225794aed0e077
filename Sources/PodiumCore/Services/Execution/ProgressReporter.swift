import Foundation

/// The progress callback a route reports through: it stamps each report with the time since the run started.
struct ProgressReporter: Sendable {
    /// When the run started.
    let started: Date
    /// The clock.
    let now: @Sendable () -> Date
    /// Where reports go (the CLI prints them, the console's progress pane shows them).
    let send: @Sendable (DeploymentProgress) -> Void

    /// Reports a phase, the status of what the run follows when known, and a message.
    func callAsFunction(_ phase: DeploymentProgress.Phase, _ status: DeploymentProgress.Status?, _ message: String) {
        send(DeploymentProgress(phase: phase, status: status, elapsed: elapsed, message: message))
    }

    /// Seconds since the run started.
    var elapsed: Double { now().timeIntervalSince(started) }
}
