import Foundation

/// A GitHub Actions workflow run (`GET /repos/{owner}/{repo}/actions/runs/{run_id}`), the members Podium shows.
/// Every member is optional and unknown ones are ignored: GitHub adds fields, and stand-ins leave some out.
public struct GitHubWorkflowRun: Codable, Sendable, Equatable {
    /// The run id.
    public var id: Int
    /// The workflow's name.
    public var name: String?
    /// The title GitHub shows for the run.
    public var displayTitle: String?
    /// The run number within the workflow.
    public var runNumber: Int?
    /// The attempt number (re-runs increase it).
    public var runAttempt: Int?
    /// The event that started it (`workflow_dispatch`).
    public var event: String?
    /// `queued`, `in_progress`, `completed`, `waiting`, `requested`, `pending`.
    public var status: String?
    /// Once completed: `success`, `failure`, `cancelled`, `timed_out`, `skipped`, `neutral`, `action_required`.
    public var conclusion: String?
    /// The workflow's id.
    public var workflowId: Int?
    /// The branch the run is on.
    public var headBranch: String?
    /// The commit it runs.
    public var headSha: String?
    /// The web page of the run.
    public var htmlURL: String?
    /// When it was created.
    public var createdAt: Date?
    /// When it last changed.
    public var updatedAt: Date?
    /// When this attempt started.
    public var runStartedAt: Date?

    /// Creates a run.
    public init(
        id: Int, name: String? = nil, displayTitle: String? = nil, runNumber: Int? = nil, runAttempt: Int? = nil,
        event: String? = nil, status: String? = nil, conclusion: String? = nil, workflowId: Int? = nil,
        headBranch: String? = nil, headSha: String? = nil, htmlURL: String? = nil, createdAt: Date? = nil,
        updatedAt: Date? = nil, runStartedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.displayTitle = displayTitle
        self.runNumber = runNumber
        self.runAttempt = runAttempt
        self.event = event
        self.status = status
        self.conclusion = conclusion
        self.workflowId = workflowId
        self.headBranch = headBranch
        self.headSha = headSha
        self.htmlURL = htmlURL
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.runStartedAt = runStartedAt
    }

    /// Whether the run has finished (`status == "completed"`).
    public var isCompleted: Bool { status == "completed" }

    private enum CodingKeys: String, CodingKey {
        case id, name, event, status, conclusion
        case displayTitle = "display_title"
        case runNumber = "run_number"
        case runAttempt = "run_attempt"
        case workflowId = "workflow_id"
        case headBranch = "head_branch"
        case headSha = "head_sha"
        case htmlURL = "html_url"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case runStartedAt = "run_started_at"
    }
}

/// One page of workflow runs (`{"total_count": …, "workflow_runs": […]}`).
public struct GitHubWorkflowRunList: Codable, Sendable, Equatable {
    /// How many runs match in all pages.
    public var totalCount: Int?
    /// This page's runs, newest first.
    public var workflowRuns: [GitHubWorkflowRun]

    /// Creates a page.
    public init(totalCount: Int? = nil, workflowRuns: [GitHubWorkflowRun] = []) {
        self.totalCount = totalCount
        self.workflowRuns = workflowRuns
    }

    /// Decodes tolerantly: a missing list is an empty page.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        totalCount = try container.decodeIfPresent(Int.self, forKey: .totalCount)
        workflowRuns = try container.decodeIfPresent([GitHubWorkflowRun].self, forKey: .workflowRuns) ?? []
    }

    private enum CodingKeys: String, CodingKey {
        case totalCount = "total_count"
        case workflowRuns = "workflow_runs"
    }
}

/// A job of a workflow run (`GET …/actions/runs/{run_id}/jobs`).
public struct GitHubJob: Codable, Sendable, Equatable {
    /// The job id.
    public var id: Int
    /// The run it belongs to.
    public var runId: Int?
    /// The job's name.
    public var name: String?
    /// `queued`, `in_progress`, `completed`, `waiting`, `requested`, `pending`.
    public var status: String?
    /// Once completed: `success`, `failure`, `cancelled`, `skipped`, …
    public var conclusion: String?
    /// When it started.
    public var startedAt: Date?
    /// When it completed.
    public var completedAt: Date?
    /// The web page of the job.
    public var htmlURL: String?
    /// Its steps, in order.
    public var steps: [GitHubJobStep]?

    /// Creates a job.
    public init(
        id: Int, runId: Int? = nil, name: String? = nil, status: String? = nil, conclusion: String? = nil,
        startedAt: Date? = nil, completedAt: Date? = nil, htmlURL: String? = nil, steps: [GitHubJobStep]? = nil
    ) {
        self.id = id
        self.runId = runId
        self.name = name
        self.status = status
        self.conclusion = conclusion
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.htmlURL = htmlURL
        self.steps = steps
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, status, conclusion, steps
        case runId = "run_id"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case htmlURL = "html_url"
    }
}

/// One step of a job.
public struct GitHubJobStep: Codable, Sendable, Equatable {
    /// The step's name.
    public var name: String?
    /// `queued`, `in_progress`, `completed`.
    public var status: String?
    /// Once completed: `success`, `failure`, `skipped`, …
    public var conclusion: String?
    /// Its position in the job, from 1.
    public var number: Int?

    /// Creates a step.
    public init(name: String? = nil, status: String? = nil, conclusion: String? = nil, number: Int? = nil) {
        self.name = name
        self.status = status
        self.conclusion = conclusion
        self.number = number
    }
}

/// One page of jobs (`{"total_count": …, "jobs": […]}`).
public struct GitHubJobList: Codable, Sendable, Equatable {
    /// How many jobs in all pages.
    public var totalCount: Int?
    /// This page's jobs.
    public var jobs: [GitHubJob]

    /// Creates a page.
    public init(totalCount: Int? = nil, jobs: [GitHubJob] = []) {
        self.totalCount = totalCount
        self.jobs = jobs
    }

    /// Decodes tolerantly: a missing list is an empty page.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        totalCount = try container.decodeIfPresent(Int.self, forKey: .totalCount)
        jobs = try container.decodeIfPresent([GitHubJob].self, forKey: .jobs) ?? []
    }

    private enum CodingKeys: String, CodingKey {
        case totalCount = "total_count"
        case jobs
    }
}

/// What a workflow dispatch returned: nothing (204, GitHub's answer unless run details are asked for) or, with
/// `return_run_details`, the new run's id and links (200).
public struct GitHubDispatchResult: Codable, Sendable, Equatable {
    /// The started run's id, when GitHub said it.
    public var workflowRunId: Int?
    /// The run's API URL.
    public var runURL: String?
    /// The run's web page.
    public var htmlURL: String?

    /// Creates a result.
    public init(workflowRunId: Int? = nil, runURL: String? = nil, htmlURL: String? = nil) {
        self.workflowRunId = workflowRunId
        self.runURL = runURL
        self.htmlURL = htmlURL
    }

    private enum CodingKeys: String, CodingKey {
        case workflowRunId = "workflow_run_id"
        case runURL = "run_url"
        case htmlURL = "html_url"
    }
}

/// Which runs `listWorkflowRuns` asks for (GitHub's query parameters).
public struct GitHubRunFilter: Sendable, Equatable {
    /// Only runs of this event (`workflow_dispatch`).
    public var event: String?
    /// Only runs on this branch.
    public var branch: String?
    /// Only runs with this status or conclusion.
    public var status: String?
    /// Only runs created at or after this time (`created=>=…`).
    public var createdAfter: Date?
    /// Page size (GitHub's maximum is 100).
    public var perPage: Int?
    /// Page number, from 1.
    public var page: Int?

    /// Creates a filter.
    public init(
        event: String? = nil, branch: String? = nil, status: String? = nil, createdAfter: Date? = nil,
        perPage: Int? = nil, page: Int? = nil
    ) {
        self.event = event
        self.branch = branch
        self.status = status
        self.createdAfter = createdAfter
        self.perPage = perPage
        self.page = page
    }
}
