import AWSCore
import Foundation

/// The pipeline route: podium changes neither the endpoint nor the stack. It starts the environment's pipeline
/// (writes the SSM pin, dispatches the GitHub Actions workflow, or, for `approve_only`, relies on the approval
/// already given), then follows it: the workflow run and its jobs, the stack's events, and the endpoint. A
/// pipeline that shows no sign of starting within `start_timeout` is a failure; nothing waits forever.
struct PipelineRoute: PromotionRoute {
    /// The process environment, where the GitHub token variable is read (injected by tests).
    var processEnvironment: [String: String] = ProcessInfo.processInfo.environment

    func run(_ plan: DeploymentPlan, context: RouteContext, progress: ProgressReporter) async throws
        -> DeploymentOutcome
    {
        let env = context.environment
        guard let settings = env.promotion?.pipeline, let target = env.promotion?.stack,
            let arn = plan.newPackageArn
        else {
            throw PodiumError(
                .refused,
                "environment \(plan.environment) needs promotion.pipeline and promotion.stack in the config; nothing was changed"
            )
        }
        let stackName = target.stackName(endpoint: plan.endpoint, group: plan.group, environment: plan.environment)
        let follower = StackEventFollower(context: context, stackName: stackName)
        let deadline = progress.started.addingTimeInterval(DurationFormat.seconds(context.timeout))
        let startDeadline = context.now().addingTimeInterval(DurationFormat.seconds(settings.startTimeout))
        let stack = try await StackRoute.describe(stackName, client: context.client)
        let value = stack.parameters?.first { $0.parameterKey == target.parameter }?.parameterValue
        let alreadyThere = value == arn && !CloudFormationStatus(stack.stackStatus).isInProgress
        let marker = try await follower.marker()

        switch settings.trigger {
        case .pin(let pattern):
            let name = PromotionPattern.expand(
                pattern, endpoint: plan.endpoint, group: plan.group, environment: plan.environment)
            progress(.startingDeployment, nil, "PutParameter \(name) = \(arn)")
            _ = try await UncertainWrite.attempt("PutParameter \(name)", operation: .putParameter) {
                try await context.client.ssm.putParameter(
                    PutParameterRequest(name: name, value: arn, type: "String", overwrite: true))
            }
            context.made("PutParameter \(name)", operation: .putParameter)
        case .github(let workflow):
            try await runWorkflow(
                workflow, plan: plan, arn: arn, context: context, progress: progress, startDeadline: startDeadline,
                deadline: deadline)
        case .approveOnly:
            progress(
                .startingDeployment, nil,
                "\(plan.group) v\(plan.newVersion.map(String.init) ?? "?") is Approved; waiting for the pipeline to deploy it"
            )
        }

        if !alreadyThere {
            let waitForStart: Date? = {
                if case .github = settings.trigger { return context.now() }  // the run already finished
                return startDeadline
            }()
            let ending = try await follower.follow(
                since: marker, progress: progress, startDeadline: waitForStart, deadline: deadline)
            if ending == .notStarted, case .github = settings.trigger {
                // The run succeeded without a stack update ("no changes"): the endpoint check below decides.
            } else if ending == .notStarted {
                throw PodiumError(
                    .failed,
                    "the pipeline did not start within \(DurationFormat.format(settings.startTimeout)): stack \(stackName) shows no update after the \(settings.triggerName) trigger",
                    hint:
                        "check the pipeline (EventBridge rule, its Lambda, the GitHub workflow); nothing was deployed, podium stopped waiting"
                )
            }
        } else {
            progress(
                .deploying, .cloudFormation(CloudFormationStatus(stack.stackStatus)),
                "stack \(stackName) already has \(target.parameter) = \(arn)")
        }
        let config = try await ServedPackageCheck(context: context).waitUntilServing(
            plan, progress: progress, deadline: deadline)
        var done = plan
        done.newEndpointConfig = config
        return DeploymentOutcome(plan: done, status: .inService, elapsed: progress.elapsed, calls: context.calls)
    }

    // MARK: - GitHub Actions

    /// Dispatches the workflow, finds the run it started, waits for it to leave `queued` (the start deadline),
    /// then follows its status and jobs to the end. A failed run throws with the failed job and step.
    private func runWorkflow(
        _ workflow: GitHubWorkflowConfig, plan: DeploymentPlan, arn: String, context: RouteContext,
        progress: ProgressReporter, startDeadline: Date, deadline: Date
    ) async throws {
        let token = processEnvironment[workflow.tokenEnv] ?? ""
        guard !token.isEmpty else {
            throw PodiumError(
                .refused, "the GitHub token variable \(workflow.tokenEnv) is not set; nothing was changed",
                hint: "export \(workflow.tokenEnv) with a token that may run \(workflow.repo)'s workflows")
        }
        guard let base = URL(string: workflow.apiURL) else {
            throw PodiumError(.usage, "promotion.pipeline.github.api_url is not a URL")
        }
        let github = GitHubClient(token: token, baseURL: base)
        let owner = workflow.owner
        let repo = workflow.name
        // GitHub's `created` filter has one-second precision and the clocks may differ a little.
        let since = context.now().addingTimeInterval(-120)
        let filter = GitHubRunFilter(event: "workflow_dispatch", createdAfter: since, perPage: 20)
        // Runs that exist before the dispatch are someone else's, even with the same title.
        let known = Set(
            try await call {
                try await github.listWorkflowRuns(owner: owner, repo: repo, workflow: workflow.workflow, filter: filter)
            }.workflowRuns.map(\.id))
        progress(
            .startingDeployment, nil,
            "dispatch \(workflow.repo) \(workflow.workflow) on \(workflow.ref) (environment \(plan.environment))")
        // A dispatch that may have reached GitHub without a clear answer is never sent again (the workflow would
        // deploy twice): the run search below decides whether it was dispatched.
        var uncertainDispatch: String?
        do {
            try await github.dispatchWorkflow(
                owner: owner, repo: repo, workflow: workflow.workflow, ref: workflow.ref,
                inputs: ["environment": plan.environment, "model_package_arn": arn])
        } catch GitHubError.outcomeUnknown(_, let cause) {
            uncertainDispatch = cause
            progress(
                .startingDeployment, nil,
                "the dispatch got no clear answer (\(cause)); it may have been dispatched: looking for its run instead of dispatching again"
            )
        } catch let error as GitHubError {
            throw PodiumError(.failed, "GitHub: \(error)")
        }
        context.made(
            "CreateWorkflowDispatch \(workflow.repo)/\(workflow.workflow)", operation: .createWorkflowDispatch)

        // The dispatch answers without the run; the run's title names the package (the workflow's run-name).
        var runId: Int?
        while runId == nil {
            try Task.checkCancellation()
            let runs = try await call {
                try await github.listWorkflowRuns(
                    owner: owner, repo: repo, workflow: workflow.workflow, filter: filter)
            }
            runId =
                runs.workflowRuns.first {
                    !known.contains($0.id) && ($0.displayTitle ?? "").contains(arn)
                        && ($0.displayTitle ?? "").contains(plan.environment)
                }?.id
            if runId == nil {
                if context.now() > startDeadline {
                    let uncertain = uncertainDispatch.map {
                        "; the dispatch got no clear answer (\($0)), so it may or may not have been dispatched"
                    }
                    throw PodiumError(
                        .failed,
                        "the pipeline did not start within \(DurationFormat.format(context.environment.promotion?.pipeline?.startTimeout ?? .zero)): no run of \(workflow.repo) \(workflow.workflow) for \(arn) appeared"
                            + (uncertain ?? ""),
                        hint: uncertainDispatch == nil
                            ? "check the workflow's runs on GitHub; podium stopped waiting"
                            : "check the workflow's runs on GitHub before promoting again; podium stopped waiting")
                }
                try await context.sleep(context.pollInterval)
            }
        }
        guard let runId else { return }
        var lastLine = ""
        while true {
            try Task.checkCancellation()
            let run = try await call { try await github.getWorkflowRun(owner: owner, repo: repo, runId: runId) }
            let status = run.status ?? "unknown"
            var line = "run \(runId) \(status)"
            if status != "queued" {
                let jobs = try await call { try await github.listJobs(owner: owner, repo: repo, runId: runId) }
                for job in jobs.jobs {
                    let step = job.steps?.last { $0.status != "queued" && $0.status != "pending" }
                    line += "; job \(job.name ?? "?") \(job.conclusion ?? job.status ?? "")"
                    if let step, let name = step.name { line += " (\(name): \(step.conclusion ?? step.status ?? ""))" }
                }
            }
            if line != lastLine {
                progress(.deploying, .workflowRun(status), line + (run.htmlURL.map { " — \($0)" } ?? ""))
                lastLine = line
            }
            if run.isCompleted {
                if run.conclusion == "success" { return }
                let jobs = try await call { try await github.listJobs(owner: owner, repo: repo, runId: runId) }
                let failedJob = jobs.jobs.first { $0.conclusion == "failure" }
                let failedStep = failedJob?.steps?.first { $0.conclusion == "failure" }
                var reason = "run \(runId) ended \(run.conclusion ?? "without a conclusion")"
                if let failedJob {
                    reason += " in job \(failedJob.name ?? "?")"
                    if let name = failedStep?.name { reason += ", step \(name)" }
                }
                throw PodiumError(
                    .failed, "the pipeline failed: \(reason)",
                    hint: run.htmlURL.map { "see \($0)" } ?? "see the workflow run on GitHub")
            }
            if status == "queued", context.now() > startDeadline {
                throw PodiumError(
                    .failed,
                    "the pipeline did not start within \(DurationFormat.format(context.environment.promotion?.pipeline?.startTimeout ?? .zero)): run \(runId) of \(workflow.repo) \(workflow.workflow) is still queued",
                    hint: (run.htmlURL.map { "see \($0); " } ?? "")
                        + "nothing was deployed, podium stopped waiting (the run may still start)")
            }
            if context.now() > deadline {
                throw PodiumError(
                    .failed, "run \(runId) is still \(status) after \(DurationFormat.format(context.timeout))",
                    hint: "podium stopped waiting; the run continues")
            }
            try await context.sleep(context.pollInterval)
        }
    }

    /// A GitHub call whose error becomes a podium failure with GitHub's own message (never the token).
    private func call<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as GitHubError {
            throw PodiumError(.failed, "GitHub: \(error)")
        }
    }
}
