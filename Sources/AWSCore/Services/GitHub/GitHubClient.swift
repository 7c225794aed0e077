import Foundation

/// A small GitHub REST client for the `pipeline` promotion route: dispatch a workflow, then follow its runs and
/// jobs. It uses the same `HTTPTransport` as AWS calls (network lives only in AWSCore), sends GitHub's documented
/// headers (`Accept: application/vnd.github+json`, `X-GitHub-Api-Version: 2022-11-28`) and a bearer token.
///
/// The token is never logged, never part of a description or error, and is removed from any message GitHub
/// echoes back. Answers decode tolerantly: unknown members are ignored, missing ones are `nil`.
///
/// ```swift
/// let github = GitHubClient(token: ProcessInfo.processInfo.environment["PODIUM_GITHUB_TOKEN"])
/// try await github.dispatchWorkflow(owner: "acme", repo: "models", workflow: "deploy.yml", ref: "main",
///                                   inputs: ["environment": "prod", "model_package_arn": arn])
/// ```
public struct GitHubClient: Sendable, CustomStringConvertible {
    /// GitHub's public API.
    public static let defaultBaseURL = URL(string: "https://api.github.com")!
    /// The REST API version this client follows.
    public static let apiVersion = "2022-11-28"

    /// The API base URL (GitHub Enterprise: `https://host/api/v3`; tests: a local stand-in).
    public let baseURL: URL
    /// The transport.
    public let transport: any HTTPTransport
    /// The connect and read timeouts of each call.
    public let timeouts: TransportTimeouts
    /// How calls are retried (see `GitHubRetryPolicy`).
    public let retry: GitHubRetryPolicy
    /// Until when GitHub asked to be left alone; share one between the clients of one token.
    public let rateLimitGate: GitHubRateLimitGate
    private let token: String?
    let sleeper: any AWSSleeper
    let random: AWSRandom
    let now: @Sendable () -> Date

    /// Creates a client.
    /// - Parameters:
    ///   - token: the bearer token (from the environment variable the config names); `nil` for anonymous reads.
    ///   - baseURL: the API base URL, `https://api.github.com` by default.
    ///   - transport: defaults to the shared AsyncHTTPClient transport.
    ///   - timeouts: per call.
    ///   - retry: how 5xx answers, connection failures and rate limits are retried.
    ///   - rateLimitGate: shared with other clients of the same token so a limit one of them met holds them all.
    ///   - sleeper, random, now: the waits, the backoff's jitter and the clock (injected by tests).
    public init(
        token: String?, baseURL: URL = GitHubClient.defaultBaseURL,
        transport: any HTTPTransport = AsyncHTTPTransport.shared, timeouts: TransportTimeouts = TransportTimeouts(),
        retry: GitHubRetryPolicy = .standard, rateLimitGate: GitHubRateLimitGate = GitHubRateLimitGate(),
        sleeper: any AWSSleeper = TaskSleeper(), random: AWSRandom = .system,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.baseURL = baseURL
        self.transport = transport
        self.timeouts = timeouts
        self.retry = retry
        self.rateLimitGate = rateLimitGate
        self.sleeper = sleeper
        self.random = random
        self.now = now
    }

    /// Says where the client points and whether it has a token, never the token.
    public var description: String {
        "GitHubClient(\(baseURL.absoluteString), token: \(token == nil ? "none" : "[redacted]"))"
    }

    /// Starts a `workflow_dispatch` run of `workflow` (its file name, `deploy.yml`, or numeric id) on `ref`.
    /// GitHub answers 204 with no body; with `returnRunDetails` it answers 200 with the run's id and links.
    @discardableResult
    public func dispatchWorkflow(
        owner: String, repo: String, workflow: String, ref: String, inputs: [String: String] = [:],
        returnRunDetails: Bool = false
    ) async throws -> GitHubDispatchResult {
        let operation = "dispatchWorkflow"
        var body: [String: Any] = ["ref": ref, "inputs": inputs]
        if returnRunDetails { body["return_run_details"] = true }
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        let response = try await call(
            operation, method: "POST",
            path: ["repos", owner, repo, "actions", "workflows", workflow, "dispatches"], body: Array(data))
        if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return GitHubDispatchResult()
        }
        return try decode(GitHubDispatchResult.self, response, operation)
    }

    /// One page of a workflow's runs, newest first.
    public func listWorkflowRuns(
        owner: String, repo: String, workflow: String, filter: GitHubRunFilter = .init()
    ) async throws -> GitHubWorkflowRunList {
        let operation = "listWorkflowRuns"
        var query: [(String, String)] = []
        if let v = filter.event { query.append(("event", v)) }
        if let v = filter.branch { query.append(("branch", v)) }
        if let v = filter.status { query.append(("status", v)) }
        if let v = filter.createdAfter { query.append(("created", ">=" + Self.timestamp(v))) }
        if let v = filter.perPage { query.append(("per_page", String(v))) }
        if let v = filter.page { query.append(("page", String(v))) }
        let response = try await call(
            operation, method: "GET", path: ["repos", owner, repo, "actions", "workflows", workflow, "runs"],
            query: query)
        return try decode(GitHubWorkflowRunList.self, response, operation)
    }

    /// One workflow run.
    public func getWorkflowRun(owner: String, repo: String, runId: Int) async throws -> GitHubWorkflowRun {
        let operation = "getWorkflowRun"
        let response = try await call(
            operation, method: "GET", path: ["repos", owner, repo, "actions", "runs", String(runId)])
        return try decode(GitHubWorkflowRun.self, response, operation)
    }

    /// One page of a run's jobs (the latest attempt's).
    public func listJobs(
        owner: String, repo: String, runId: Int, perPage: Int? = nil, page: Int? = nil
    ) async throws -> GitHubJobList {
        let operation = "listJobs"
        var query: [(String, String)] = []
        if let perPage { query.append(("per_page", String(perPage))) }
        if let page { query.append(("page", String(page))) }
        let response = try await call(
            operation, method: "GET", path: ["repos", owner, repo, "actions", "runs", String(runId), "jobs"],
            query: query)
        return try decode(GitHubJobList.self, response, operation)
    }

    // MARK: - Request path

    /// The request of a call: the base URL's path, then each segment percent-encoded, then the query.
    func request(
        _ operation: String, method: String, path: [String], query: [(String, String)] = [], body: [UInt8] = []
    ) throws -> HTTPRequest {
        guard let scheme = baseURL.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)
        else {
            throw GitHubError.invalidRequest(
                operation: operation, reason: "the API base URL \(baseURL.absoluteString) is not http(s)")
        }
        if let empty = path.first(where: { $0.isEmpty }) {
            throw GitHubError.invalidRequest(operation: operation, reason: "empty path segment \"\(empty)\"")
        }
        let base =
            components.percentEncodedPath.hasSuffix("/")
            ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        components.percentEncodedPath =
            base + "/" + path.map { AWSQueryParameters.percentEncode($0) }.joined(separator: "/")
        components.percentEncodedQuery =
            query.isEmpty
            ? nil
            : query.map { "\(AWSQueryParameters.percentEncode($0.0))=\(AWSQueryParameters.percentEncode($0.1))" }
                .joined(separator: "&")
        guard let url = components.url else {
            throw GitHubError.invalidRequest(operation: operation, reason: "cannot form a URL")
        }
        var headers: [(name: String, value: String)] = [
            ("Accept", "application/vnd.github+json"), ("X-GitHub-Api-Version", Self.apiVersion),
            ("User-Agent", AWSClient.userAgent),
        ]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if !body.isEmpty { headers.append(("Content-Type", "application/json")) }
        return HTTPRequest(method: method, url: url, headers: headers, body: body)
    }

    /// Sends a call and returns its 2xx answer, retrying as `retry` says (see `GitHubClient+Retry.swift`); any
    /// other status is `GitHubError.http` with GitHub's message.
    private func call(
        _ operation: String, method: String, path: [String], query: [(String, String)] = [], body: [UInt8] = []
    ) async throws -> HTTPResponse {
        let request = try request(operation, method: method, path: path, query: query, body: body)
        return try await send(request, operation: operation)
    }

    /// GitHub's `message` from an error body, sanitised and without the token; `nil` when there is none.
    func message(of response: HTTPResponse) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any],
            let text = object["message"] as? String, !text.isEmpty
        else { return nil }
        return redact(AWSErrorDecoder.sanitize(String(text.prefix(300))))
    }

    /// `text` with the token replaced by `[redacted]`.
    func redact(_ text: String) -> String {
        guard let token else { return text }
        return text.replacingOccurrences(of: token, with: "[redacted]")
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, _ operation: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: Data(response.body))
        } catch {
            let reason = redact(AWSClient.describe(error, body: response.body))
            throw GitHubError.undecodableResponse(operation: operation, status: response.status, reason: reason)
        }
    }

    /// `2026-11-30T04:00:00Z`, as GitHub's search qualifiers take it.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
