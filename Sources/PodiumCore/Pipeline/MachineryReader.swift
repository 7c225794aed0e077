import AWSCore
import Foundation

/// Reads the deployment machinery for the pipeline screen, after the ledger (whose DescribeStacks it reuses).
///
/// Calls per refresh: one DescribeStackEvents page per stack that changed since the last refresh (by its
/// `LastUpdatedTime` and status); per account ListRules (one page per 100 rules) and ListTargetsByRule per
/// matching rule; per targeted Lambda FilterLogEvents from its cursor, and its metrics from its environment's
/// health call (no call of its own; see `fillLambdas`); per GitHub workflow one ListWorkflowRuns page, plus ListJobs
/// once per failed run. A source that fails
/// (AccessDenied names the IAM action) shows in its panel; the other panels are still read.
public final class MachineryReader: Sendable {
    let session: PodiumSession
    let cache = MachineryCache()
    private let processEnvironment: [String: String]
    private let transport: any HTTPTransport
    /// GitHub's rate limits, kept across refreshes: a limit met once holds every later refresh until it lifts,
    /// without sending (GitHub may ban an integration that keeps calling while limited).
    private let githubGate = GitHubRateLimitGate()

    /// How many runs a workflow panel shows.
    public static let runsShown = 5

    /// Creates a reader (keep it across refreshes: it caches events, cursors and failed jobs).
    public init(
        session: PodiumSession, processEnvironment: [String: String] = ProcessInfo.processInfo.environment,
        transport: any HTTPTransport = AsyncHTTPTransport.shared
    ) {
        self.session = session
        self.processEnvironment = processEnvironment
        self.transport = transport
    }

    /// The machinery now, for the stacks the ledger described.
    public func machinery(ledger: Ledger) async -> PipelineMachinery {
        let config = session.config
        async let registry = trigger(account: "registry", client: session.registryClient)
        var environments = await concurrentMap(config.environments, maxConcurrent: 4) { env in
            await self.environment(env, rows: ledger.rows.filter { $0.facts.environment == env.name })
        }
        var registryPanel = await registry
        // After every panel's rules are known: which Lambdas ride in which environment's health call.
        await fillLambdas(registry: &registryPanel, environments: &environments)
        return PipelineMachinery(time: session.now(), registry: registryPanel, environments: environments)
    }

    private func environment(_ env: EnvironmentConfig, rows: [LedgerRow]) async -> EnvironmentMachinery {
        guard let client = try? session.client(for: env.name) else {
            return EnvironmentMachinery(
                environment: env.name, trigger: TriggerPanel(account: env.name, problem: "no client"))
        }
        var stacks: [StackPanel] = []
        var seen = Set<String>()
        for row in rows where env.promotion?.stack != nil {
            if let stack = row.facts.stack {
                guard seen.insert(stack.name).inserted else { continue }
                stacks.append(await panel(stack, env: env.name, client: client))
            } else if let problem = row.facts.problems.first(where: { $0.hasPrefix("stack ") }) {
                stacks.append(
                    StackPanel(name: String(problem.prefix { $0 != ":" }.dropFirst(6)), status: nil, problem: problem))
            }
        }
        let trigger = await trigger(account: env.name, client: client)
        var machinery = EnvironmentMachinery(environment: env.name, stacks: stacks, trigger: trigger)
        if case .github(let github) = env.promotion?.pipeline?.trigger {
            do {
                machinery.runs = try await runs(github)
            } catch {
                machinery.runsProblem = "GitHub Actions \(github.repo): \(PodiumError.describe(error))"
            }
        }
        return machinery
    }

    // MARK: - Stacks

    private func panel(_ stack: LedgerFacts.Stack, env: String, client: AWSClient) async -> StackPanel {
        guard stack.exists else {
            return StackPanel(name: stack.name, status: nil, problem: "stack \(stack.name) does not exist")
        }
        let key = "\(env)/\(stack.name)"
        if let events = await cache.events(key, lastUpdated: stack.lastUpdated, status: stack.status) {
            return StackPanel(
                name: stack.name, status: stack.status, statusReason: stack.statusReason,
                lastUpdated: stack.lastUpdated,
                events: events)
        }
        do {
            // One page (newest first) is what the panel shows and holds the latest operation's first failure.
            let page = try await client.cloudFormation.describeStackEvents(
                DescribeStackEventsInput(stackName: stack.name))
            let events = (page.stackEvents ?? []).map {
                StackEventLine(
                    time: $0.timestamp, logicalId: $0.logicalResourceId ?? "", resourceType: $0.resourceType ?? "",
                    status: $0.resourceStatus ?? "", reason: $0.resourceStatusReason)
            }
            await cache.setEvents(
                key, MachineryCache.Events(lastUpdated: stack.lastUpdated, status: stack.status, events: events))
            return StackPanel(
                name: stack.name, status: stack.status, statusReason: stack.statusReason,
                lastUpdated: stack.lastUpdated,
                events: events)
        } catch {
            await session.accessDenials.record(error)
            return StackPanel(
                name: stack.name, status: stack.status, statusReason: stack.statusReason,
                lastUpdated: stack.lastUpdated,
                problem: "events: \(PodiumError.describe(error))")
        }
    }

    // MARK: - Trigger

    private func trigger(account: String, client: AWSClient) async -> TriggerPanel {
        var panel = TriggerPanel(account: account)
        do {
            var rules: [Rule] = []
            var input = ListRulesRequest(limit: 100)
            repeat {
                let page = try await client.eventBridge.listRules(input)
                rules += page.rules ?? []
                input.nextToken = page.nextToken
            } while input.nextToken != nil && rules.count < 1000
            for rule in rules {
                guard let name = rule.name, let pattern = rule.eventPattern,
                    TriggerRule.matchesPackageStateChange(pattern)
                else { continue }
                let targets =
                    try await client.eventBridge.listTargetsByRule(ListTargetsByRuleRequest(rule: name)).targets ?? []
                panel.rules.append(
                    TriggerRule(
                        account: account, name: name, state: rule.state, pattern: pattern, targets: targets.map(\.arn)))
            }
        } catch {
            await session.accessDenials.record(error)
            panel.problem = "rules: \(PodiumError.describe(error))"
            return panel
        }
        return panel
    }

    // MARK: - GitHub

    private func runs(_ github: GitHubWorkflowConfig) async throws -> [WorkflowRunLine] {
        guard let base = URL(string: github.apiURL) else {
            throw PodiumError(.usage, "api_url \(github.apiURL) is not a URL")
        }
        // A refresh waits at most 10 s for a rate limit (the next refresh tries again); the error names the reset.
        let client = GitHubClient(
            token: processEnvironment[github.tokenEnv], baseURL: base, transport: transport, retry: .interactive,
            rateLimitGate: githubGate, now: session.now)
        let list = try await client.listWorkflowRuns(
            owner: github.owner, repo: github.name, workflow: github.workflow,
            filter: GitHubRunFilter(perPage: Self.runsShown))
        var lines: [WorkflowRunLine] = []
        for run in list.workflowRuns.prefix(Self.runsShown) {
            var line = WorkflowRunLine(
                id: run.id, title: run.displayTitle ?? run.name ?? "run \(run.id)", status: run.status ?? "unknown",
                conclusion: run.conclusion, created: run.createdAt, url: run.htmlURL)
            if let start = run.runStartedAt ?? run.createdAt {
                line.duration = (run.isCompleted ? (run.updatedAt ?? session.now()) : session.now())
                    .timeIntervalSince(start)
            }
            if run.conclusion == "failure" {
                line.failingJob = await failingJob(run.id, github: github, client: client)
            }
            lines.append(line)
        }
        return lines
    }

    private func failingJob(_ run: Int, github: GitHubWorkflowConfig, client: GitHubClient) async -> String? {
        if let cached = await cache.failingJob(run) { return cached }
        guard let jobs = try? await client.listJobs(owner: github.owner, repo: github.name, runId: run).jobs,
            let job = jobs.first(where: { $0.conclusion == "failure" })
        else { return nil }
        let step = job.steps?.first { $0.conclusion == "failure" }?.name
        let name = (job.name ?? "job \(job.id)") + (step.map { " (step \($0))" } ?? "")
        await cache.setFailingJob(run, name)
        return name
    }
}
