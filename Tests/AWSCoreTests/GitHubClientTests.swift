import AWSCore
import Foundation
import Testing

/// The GitHub REST client on a recording transport: GitHub's documented request shapes, tolerant decoding,
/// clear errors, and a token that never shows.
@Suite struct GitHubClientTests {
    static let token = "ghp_SECRETTOKEN1234567890"

    func client(_ transport: RecordingTransport, base: String = "https://ghe.example.com/api/v3") -> GitHubClient {
        GitHubClient(
            token: Self.token, baseURL: URL(string: base)!, transport: transport, sleeper: RecordingSleeper())
    }

    static func reply(_ status: Int, _ body: String = "") -> RecordingTransport.Reply {
        .response(
            HTTPResponse(
                status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(body.utf8)))
    }

    @Test func dispatchPostsRefAndInputsWithGitHubsHeaders() async throws {
        let transport = RecordingTransport(script: [Self.reply(204)])
        let result = try await client(transport).dispatchWorkflow(
            owner: "acme", repo: "models", workflow: "deploy prod.yml", ref: "main",
            inputs: ["environment": "prod", "model_package_arn": "arn:aws:sagemaker:eu-west-1:1:model-package/churn/3"])
        #expect(result == GitHubDispatchResult())
        let request = try #require(await transport.requests.first)
        #expect(request.method == "POST")
        #expect(
            request.url.absoluteString
                == "https://ghe.example.com/api/v3/repos/acme/models/actions/workflows/deploy%20prod.yml/dispatches")
        #expect(request.header("Accept") == "application/vnd.github+json")
        #expect(request.header("X-GitHub-Api-Version") == "2022-11-28")
        #expect(request.header("Authorization") == "Bearer \(Self.token)")
        #expect(request.header("Content-Type") == "application/json")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(body["ref"] as? String == "main")
        #expect((body["inputs"] as? [String: String])?["environment"] == "prod")
        #expect(body["return_run_details"] == nil)
    }

    @Test func dispatchWithRunDetailsReadsTheRunId() async throws {
        let transport = RecordingTransport(script: [
            Self.reply(200, #"{"workflow_run_id":42,"run_url":"u","html_url":"h","extra":1}"#)
        ])
        let result = try await client(transport).dispatchWorkflow(
            owner: "acme", repo: "models", workflow: "deploy.yml", ref: "main", returnRunDetails: true)
        #expect(result.workflowRunId == 42)
        #expect(result.htmlURL == "h")
        let request = try #require(await transport.requests.first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(body["return_run_details"] as? Bool == true)
    }

    @Test func runsAndJobsDecodeTolerantly() async throws {
        let transport = RecordingTransport(script: [
            Self.reply(
                200,
                #"{"total_count":2,"workflow_runs":[{"id":7,"status":"completed","conclusion":"failure","event":"workflow_dispatch","html_url":"https://github.com/acme/models/actions/runs/7","created_at":"2026-11-30T04:00:00Z","run_started_at":"2026-11-30T04:00:05Z","new_field":{"x":1}},{"id":8}]}"#
            ),
            Self.reply(200, #"{"id":8,"status":"in_progress"}"#),
            Self.reply(
                200,
                #"{"total_count":1,"jobs":[{"id":90,"run_id":7,"name":"deploy","status":"completed","conclusion":"failure","steps":[{"name":"cdk deploy","status":"completed","conclusion":"failure","number":3}]}]}"#
            ),
            Self.reply(200, #"{"total_count":0}"#),
        ])
        let github = client(transport)
        let created = Date(timeIntervalSince1970: 1_764_475_200)
        let runs = try await github.listWorkflowRuns(
            owner: "acme", repo: "models", workflow: "deploy.yml",
            filter: .init(event: "workflow_dispatch", createdAfter: created, perPage: 10))
        #expect(runs.workflowRuns.map(\.id) == [7, 8])
        #expect(runs.workflowRuns[0].conclusion == "failure")
        #expect(runs.workflowRuns[0].isCompleted)
        #expect(runs.workflowRuns[0].createdAt == Date(timeIntervalSince1970: 1_796_011_200))
        #expect(runs.workflowRuns[1].status == nil)
        let run = try await github.getWorkflowRun(owner: "acme", repo: "models", runId: 8)
        #expect(run.status == "in_progress" && !run.isCompleted)
        let jobs = try await github.listJobs(owner: "acme", repo: "models", runId: 7)
        #expect(jobs.jobs.first?.name == "deploy")
        #expect(jobs.jobs.first?.steps?.first?.name == "cdk deploy")
        let none = try await github.listJobs(owner: "acme", repo: "models", runId: 9)
        #expect(none.jobs.isEmpty)

        let urls = await transport.requests.map(\.url.absoluteString)
        #expect(
            urls[0]
                == "https://ghe.example.com/api/v3/repos/acme/models/actions/workflows/deploy.yml/runs"
                + "?event=workflow_dispatch&created=%3E%3D2025-11-30T04%3A00%3A00Z&per_page=10")
        #expect(urls[1] == "https://ghe.example.com/api/v3/repos/acme/models/actions/runs/8")
        #expect(urls[2] == "https://ghe.example.com/api/v3/repos/acme/models/actions/runs/7/jobs")
        #expect(await transport.requests.allSatisfy { $0.method == "GET" && $0.body.isEmpty })
    }

    @Test(arguments: [
        (401, "Bad credentials", "token is missing, expired or revoked"),
        (403, "Resource not accessible by integration", "actions:write"),
        (404, "Not Found", "no such repository, workflow or run"),
        (422, "Unexpected inputs provided: [\"colour\"]", "check the ref and the workflow's inputs"),
    ])
    func errorStatusesCarryGitHubsMessageAndAHint(status: Int, message: String, hint: String) async throws {
        let body = try JSONSerialization.data(withJSONObject: [
            "message": message, "documentation_url": "https://docs.github.com/rest",
        ])
        let transport = RecordingTransport(script: [Self.reply(status, String(decoding: body, as: UTF8.self))])
        do {
            try await client(transport).dispatchWorkflow(owner: "acme", repo: "models", workflow: "d.yml", ref: "main")
            Issue.record("HTTP \(status) did not throw")
        } catch let error as GitHubError {
            #expect(error == .http(operation: "dispatchWorkflow", status: status, message: message))
            #expect(error.description.contains("HTTP \(status): \(message)"))
            #expect(error.description.contains(hint))
        }
    }

    @Test func theTokenNeverShowsInDescriptionsOrErrors() async throws {
        let echo = #"{"message":"token ghp_SECRETTOKEN1234567890 is not valid"}"#
        let transport = RecordingTransport(script: [
            Self.reply(401, echo), Self.reply(200, "<html>ghp_SECRETTOKEN1234567890"),
        ])
        let github = client(transport)
        #expect(!"\(github)".contains(Self.token))
        #expect("\(github)".contains("[redacted]"))
        var texts: [String] = []
        for _ in 0..<2 {
            do {
                _ = try await github.getWorkflowRun(owner: "acme", repo: "models", runId: 1)
            } catch {
                texts.append("\(error)")
                texts.append(String(reflecting: error))
            }
        }
        #expect(texts.count == 4)
        #expect(texts.allSatisfy { !$0.contains(Self.token) })
        #expect(texts[0].contains("token [redacted] is not valid"))
    }

    @Test func aBodyThatIsNotGitHubsJSONIsADecodingErrorNotANetworkOne() async throws {
        let transport = RecordingTransport(script: [Self.reply(200, #"{"id":"seven"}"#)])
        await #expect {
            _ = try await client(transport).getWorkflowRun(owner: "acme", repo: "models", runId: 7)
        } throws: { error in
            guard case .undecodableResponse(let operation, 200, _) = error as? GitHubError else { return false }
            return operation == "getWorkflowRun"
        }
    }

    @Test func noAnswerIsATransportErrorAndBadInputIsRefusedBeforeSending() async throws {
        let refused = RecordingTransport.Reply.failure(.connectFailed("connection refused"))
        let transport = RecordingTransport(script: [refused, refused, refused, refused])
        await #expect {
            _ = try await client(transport).getWorkflowRun(owner: "acme", repo: "models", runId: 7)
        } throws: {
            ($0 as? GitHubError)
                == .retriesExhausted(
                    attempts: 4,
                    last: .transport(operation: "getWorkflowRun", error: .connectFailed("connection refused")))
        }
        await #expect {
            try await client(transport).dispatchWorkflow(owner: "", repo: "models", workflow: "d.yml", ref: "main")
        } throws: { if case .invalidRequest = $0 as? GitHubError { true } else { false } }
        await #expect {
            _ = try await client(transport, base: "file:///etc").getWorkflowRun(owner: "a", repo: "b", runId: 1)
        } throws: { if case .invalidRequest = $0 as? GitHubError { true } else { false } }
        #expect(await transport.requests.count == 4, "a refused read is retried; bad input is never sent")
    }

    @Test func anonymousClientsSendNoAuthorization() async throws {
        let transport = RecordingTransport(script: [Self.reply(200, #"{"id":1}"#)])
        let github = GitHubClient(token: "", transport: transport)
        _ = try await github.getWorkflowRun(owner: "acme", repo: "models", runId: 1)
        let request = try #require(await transport.requests.first)
        #expect(request.header("Authorization") == nil)
        #expect(request.url.absoluteString == "https://api.github.com/repos/acme/models/actions/runs/1")
    }
}
