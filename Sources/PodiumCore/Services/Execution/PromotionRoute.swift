import Foundation

/// One way of carrying out a plan's change (`DeploymentPlan.route`): the direct SageMaker calls today; a
/// CloudFormation stack update or a pipeline pin and dispatch are further routes.
///
/// `DeploymentExecutor` wraps every route the same way: the audit log is checked and the `started` record written,
/// the target is locked, and the endpoint, the package and the gate are re-checked at the moment of acting before
/// `run` is called; the outcome (or the error) is recorded after it returns. A route only makes its calls, noting
/// each write with `context.made(_:operation:)`, reports progress, and returns the outcome once the change is
/// live, or throws (`PodiumError(.failed)` with the reason, `.refused` when it finds it must not go on).
protocol PromotionRoute: Sendable {
    /// Makes the plan's calls and follows the change until the endpoint serves it.
    func run(_ plan: DeploymentPlan, context: RouteContext, progress: ProgressReporter) async throws
        -> DeploymentOutcome
}
