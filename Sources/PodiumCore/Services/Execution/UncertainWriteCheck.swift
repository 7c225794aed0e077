import AWSCore
import Foundation

/// After a write got no answer (`UncertainWrite`), reads the state it would have changed, once, to tell whether it
/// took effect: the endpoint (UpdateEndpoint, CreateEndpoint: running or moving to the plan's config?), the stack
/// (UpdateStack: does the package parameter hold the plan's ARN?), the pin (PutParameter). A create of podium's
/// deterministic names is simply run again, since the route finds what exists and reuses it.
struct UncertainWriteCheck: Sendable {
    let deployments: DeploymentReader

    /// What the re-read found.
    enum Seen: Equatable, Sendable {
        /// The write took effect (or a create may be re-run safely): the route may carry on, following it.
        case landed(String)
        /// It took effect, but carrying on would repeat a write with effects of its own (a pipeline's pin written
        /// again may start the pipeline again): the outcome is reported, not followed.
        case landedNotFollowed(String)
        /// The state does not show it (yet), or could not be read: the outcome is unknown.
        case notSeen(String)
    }

    /// Reads the state `write` would have changed; when it does not show the write, once more after one poll
    /// interval (a request that got no answer may still be being carried out: the emulator's stalled requests
    /// are, and so may AWS's), so that "unknown" is said only when a second look still does not show it.
    func read(_ write: UncertainWrite, plan: DeploymentPlan, context: RouteContext) async throws -> Seen {
        try await Self.twice(sleep: context.sleep, pollInterval: context.pollInterval) {
            await readOnce(write, plan: plan, environment: context.environment, client: context.client)
        }
    }

    /// Runs `readOnce`; when it does not show the write, once more after one poll interval (see `read`). Shared
    /// by every re-read (deployments here, traffic changes in `TrafficUncertainWriteCheck`).
    static func twice(
        sleep: @Sendable (Duration) async throws -> Void, pollInterval: Duration, _ readOnce: () async -> Seen
    ) async throws -> Seen {
        let first = await readOnce()
        guard case .notSeen = first else { return first }
        try await sleep(pollInterval)
        return await readOnce()
    }

    /// What a create of podium's deterministic names needs instead of a re-read: nothing, it is run again (the
    /// caller finds what exists and reuses it). `nil` for every other write.
    static func rerunSafe(_ operation: UncertainWrite.Operation) -> Seen? {
        guard operation.createsDeterministicName else { return nil }
        return .landed("\(operation.rawValue) is idempotent here (podium's names are deterministic); going on")
    }

    /// Whether DescribeEndpoint shows `endpoint` running, or moving to, `config`: what an UpdateEndpoint or
    /// CreateEndpoint that got no answer changes. Before such a write the endpoint neither ran nor moved to the
    /// config (the callers skip the write then), so either is the write's effect.
    static func endpointConfig(
        _ config: String, endpoint: String, exists: Bool, status: String?, running: String?, pending: String?
    ) -> Seen {
        let status = status ?? "no status"
        if !exists {
            return .notSeen("DescribeEndpoint: \(endpoint) does not exist")
        }
        if pending == config {
            return .landed("DescribeEndpoint shows \(endpoint) \(status), moving to \(config)")
        }
        if running == config {
            return .landed("DescribeEndpoint shows \(endpoint) \(status) on \(config)")
        }
        return .notSeen(
            "DescribeEndpoint shows \(endpoint) \(status) on \(running ?? "no config")"
                + (pending.map { " (moving to \($0))" } ?? "") + ", not \(config)")
    }

    /// Reads the state `write` would have changed, once.
    func readOnce(_ write: UncertainWrite, plan: DeploymentPlan, environment env: EnvironmentConfig, client: AWSClient)
        async -> Seen
    {
        if let rerun = Self.rerunSafe(write.operation) { return rerun }
        do {
            switch write.operation {
            case .updateEndpoint, .createEndpoint:
                let now = try await deployments.deployment(environment: plan.environment, endpoint: plan.endpoint)
                return Self.endpointConfig(
                    plan.newEndpointConfig, endpoint: plan.endpoint, exists: now.exists,
                    status: now.status?.rawValue, running: now.endpointConfigName, pending: now.pendingEndpointConfig)
            case .updateStack:
                guard let target = env.promotion?.stack, let arn = plan.newPackageArn else { break }
                let name = target.stackName(endpoint: plan.endpoint, group: plan.group, environment: plan.environment)
                let stack = try await StackRoute.describe(name, client: client)
                let value = stack.parameters?.first { $0.parameterKey == target.parameter }?.parameterValue
                let text =
                    "DescribeStacks shows \(name) \(stack.stackStatus) with \(target.parameter) = \(value ?? "none")"
                return value == arn ? .landed(text) : .notSeen(text)
            case .putParameter:
                guard case .pin(let pattern) = env.promotion?.pipeline?.trigger, let arn = plan.newPackageArn
                else { break }
                let name = PromotionPattern.expand(
                    pattern, endpoint: plan.endpoint, group: plan.group, environment: plan.environment)
                let value = try await client.ssm.getParameter(GetParameterRequest(name: name)).parameter?.value
                let text = "GetParameter shows \(name) = \(value ?? "none")"
                return value == arn
                    ? .landedNotFollowed(text + ": the pipeline reads it and deploys it; podium stopped following")
                    : .notSeen(text)
            case .createModel, .createEndpointConfig, .updateModelPackage, .updateEndpointWeightsAndCapacities,
                .addTags,
                .createWorkflowDispatch:
                break
            }
            return .notSeen("podium cannot re-read what \(write.operation.rawValue) changes")
        } catch {
            return .notSeen("the re-read failed too (\(PodiumError.describe(error)))")
        }
    }
}
