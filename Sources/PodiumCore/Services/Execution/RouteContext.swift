import AWSCore
import Foundation

/// What a route gets besides the plan: the environment's client and config, what the endpoint ran when it was
/// re-checked, the tags podium puts on what it creates, the clock and the poll settings, and the record of the
/// calls made (into the audit attempt and the outcome).
final class RouteContext: Sendable {
    /// The environment's AWS client.
    let client: AWSClient
    /// The environment's config.
    let environment: EnvironmentConfig
    /// The endpoint's config.
    let endpoint: EndpointSpec
    /// What the endpoint ran at the moment of acting (the executor's re-check).
    let current: EndpointDeployment
    /// Whether the endpoint already runs, or is already moving to, the plan's config (a re-run after an
    /// interruption): the route must not start the change again.
    let alreadyTargeted: Bool
    /// The tags for what the route creates or changes (managed-by, endpoint, group, version, promoter, previous).
    let tags: [Tag]
    /// The clock.
    let now: @Sendable () -> Date
    /// Waits between polls (injected so tests control time).
    let sleep: @Sendable (Duration) async throws -> Void
    /// How long to wait between polls.
    let pollInterval: Duration
    /// How long podium follows a change before it stops waiting (the change itself carries on).
    let timeout: Duration
    /// The promoted package's containers (empty for a rollback): a route creating the model from replicas needs them.
    let packageContainers: [ModelPackageContainerDefinition]
    private let attempt: AuditAttempt
    private let afterCall: (@Sendable (String) -> Void)?
    private let made: LockedValue<[String]>
    /// Whether the endpoint is already targeted because this attempt's own UpdateEndpoint was seen to take effect
    /// after getting no answer: its tags (AddTags) are still to be written.
    let resumedAfterNoAnswer: Bool

    init(
        client: AWSClient, environment: EnvironmentConfig, endpoint: EndpointSpec, current: EndpointDeployment,
        alreadyTargeted: Bool, tags: [Tag], now: @escaping @Sendable () -> Date,
        sleep: @escaping @Sendable (Duration) async throws -> Void, pollInterval: Duration, timeout: Duration,
        attempt: AuditAttempt, afterCall: (@Sendable (String) -> Void)?,
        packageContainers: [ModelPackageContainerDefinition] = [],
        made: LockedValue<[String]> = LockedValue([]), resumedAfterNoAnswer: Bool = false
    ) {
        self.made = made
        self.resumedAfterNoAnswer = resumedAfterNoAnswer
        self.packageContainers = packageContainers
        self.client = client
        self.environment = environment
        self.endpoint = endpoint
        self.current = current
        self.alreadyTargeted = alreadyTargeted
        self.tags = tags
        self.now = now
        self.sleep = sleep
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.attempt = attempt
        self.afterCall = afterCall
    }

    /// Notes a write that succeeded (`CreateModel churn-prod-v4-…`): in the audit attempt, in the outcome's calls,
    /// and to the crash-test hook with the bare operation name.
    func made(_ call: String, operation: UncertainWrite.Operation) {
        made.withLock { $0.append(call) }
        attempt.noteCall(call)
        afterCall?(operation.rawValue)
    }

    /// The writes made so far, in order.
    var calls: [String] { made.withLock { $0 } }

    /// The same context after a write that got no answer was seen to take effect: the endpoint as re-read, and
    /// already targeted, so the route follows the change instead of starting it again. The calls made are shared.
    func resuming(current: EndpointDeployment) -> RouteContext {
        RouteContext(
            client: client, environment: environment, endpoint: endpoint, current: current, alreadyTargeted: true,
            tags: tags, now: now, sleep: sleep, pollInterval: pollInterval, timeout: timeout, attempt: attempt,
            afterCall: afterCall, packageContainers: packageContainers, made: made, resumedAfterNoAnswer: true)
    }
}
