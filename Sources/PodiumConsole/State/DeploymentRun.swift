import Foundation
import PodiumCore

/// A promotion or rollback started from the console: its plan, progress and result.
public struct DeploymentRun: Sendable, Equatable {
    /// The plan being executed.
    public var plan: DeploymentPlan
    /// When it started.
    public var startedAt: Date
    /// The latest progress report.
    public var progress: DeploymentProgress?
    /// The phases seen so far, in order.
    public var phases: [DeploymentProgress.Phase] = []
    /// The result once finished: the outcome or the error message.
    public var result: Result<DeploymentOutcome, ConsoleError>?
    /// Whether the progress pane is hidden (Esc); the deployment carries on and the status bar shows it.
    public var hidden = false
    /// When it finished.
    public var finishedAt: Date?
    /// Whether the pane is asking "cancel the stack update?" (y/n).
    public var askingToCancel = false

    /// Whether the run is following a CloudFormation update that can still be cancelled: a stack or pipeline
    /// route, still running, and the latest stack event an update in progress (not a rollback, not the cleanup).
    public var canCancelStackUpdate: Bool {
        guard isRunning, plan.route != .direct, let status = progress?.status else { return false }
        return status.isCancellableStackUpdate
    }

    /// Creates a run.
    public init(plan: DeploymentPlan, startedAt: Date) {
        self.plan = plan
        self.startedAt = startedAt
    }

    /// Whether it is still running.
    public var isRunning: Bool { result == nil }

    /// Seconds since the start (frozen once finished).
    public func elapsed(now: Date) -> Double {
        max(0, (finishedAt ?? now).timeIntervalSince(startedAt))
    }

    /// `promote churn-prod` / `rollback churn-prod`.
    public var label: String { "\(plan.action.rawValue) \(plan.endpoint)" }
}
