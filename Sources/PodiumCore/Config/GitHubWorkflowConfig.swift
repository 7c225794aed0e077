import Foundation

/// The GitHub Actions workflow a pipeline environment dispatches (`pipeline: { github: { … } }`). The token is
/// read from the environment variable `tokenEnv` when podium dispatches; it is never stored, logged or shown.
public struct GitHubWorkflowConfig: Sendable, Equatable, Codable {
    /// `owner/name`.
    public var repo: String
    /// The workflow file name or id (`deploy.yml`).
    public var workflow: String
    /// The git ref to run on.
    public var ref: String
    /// The name of the environment variable that holds the token.
    public var tokenEnv: String
    /// The REST API's base URL (`https://api.github.com`, or a GitHub Enterprise / emulator URL).
    public var apiURL: String

    /// Creates a workflow config.
    public init(
        repo: String, workflow: String, ref: String = "main", tokenEnv: String = "GITHUB_TOKEN",
        apiURL: String = "https://api.github.com"
    ) {
        self.repo = repo
        self.workflow = workflow
        self.ref = ref
        self.tokenEnv = tokenEnv
        self.apiURL = apiURL
    }

    /// The repository's owner (before the `/`).
    public var owner: String { String(repo.split(separator: "/", maxSplits: 1).first ?? "") }
    /// The repository's name (after the `/`).
    public var name: String { String(repo.split(separator: "/", maxSplits: 1).dropFirst().first ?? "") }
}
