import Foundation

/// A GitHub Actions workflow run as the pipeline screen shows it.
public struct WorkflowRunLine: Sendable, Equatable, Codable {
    /// The run id.
    public var id: Int
    /// The run's title (`Deploy … to prod`), raw.
    public var title: String
    /// `queued`, `in_progress`, `completed`.
    public var status: String
    /// `success`, `failure`, … once completed.
    public var conclusion: String?
    /// When it was created.
    public var created: Date?
    /// How long it ran (or has run so far, measured to `updated`).
    public var duration: TimeInterval?
    /// The run's page.
    public var url: String?
    /// The failing job's name (and step), for a failed run.
    public var failingJob: String?

    /// Creates a run line.
    public init(
        id: Int, title: String, status: String, conclusion: String? = nil, created: Date? = nil,
        duration: TimeInterval? = nil, url: String? = nil, failingJob: String? = nil
    ) {
        self.id = id
        self.title = title
        self.status = status
        self.conclusion = conclusion
        self.created = created
        self.duration = duration
        self.url = url
        self.failingJob = failingJob
    }
}
