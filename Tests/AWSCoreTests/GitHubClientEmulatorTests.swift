import AWSCore
import Foundation
import PodiumTestSupport
import Testing

/// The GitHub client end to end against the emulator's GitHub Actions stand-in (real HTTP, GitHub's documented
/// shapes): dispatch, find the run, follow it to completion, read its jobs; and GitHub's error statuses.
@Suite struct GitHubClientEmulatorTests {
    static let token = "podium-emulator-token"

    /// A package in the registry, a stack owning `churn-dev` in 111111111111, and a pipeline whose workflow
    /// (`example-corp/ml-deploy`, `deploy.yml`) updates it. Prints the package ARN.
    static let world = """
        import boto3, json, sys, urllib.request
        url = sys.argv[1]
        sm = boto3.client("sagemaker", endpoint_url=url, region_name="us-east-1", aws_access_key_id="seed",
                          aws_secret_access_key="seed")
        sm.create_model_package_group(ModelPackageGroupName="churn")
        arn = sm.create_model_package(ModelPackageGroupName="churn", ModelApprovalStatus="Approved",
            InferenceSpecification={"Containers": [{"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
                "ModelDataUrl": "s3://models/churn/model.tar.gz"}], "SupportedContentTypes": ["text/csv"],
                "SupportedResponseMIMETypes": ["text/csv"]})["ModelPackageArn"]
        env = {"account": "111111111111", "region": "us-east-1"}
        def control(path, body):
            request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                             headers={"Content-Type": "application/json"})
            urllib.request.urlopen(request).read()
        control("/_podium/stacks", {**env, "stack": "churn-dev-stack", "endpoint": "churn-dev",
                "model_package_arn": arn, "role_arn": "arn:aws:iam::111111111111:role/sagemaker-exec"})
        control("/_podium/pipelines", {"group": "churn", "environment": "dev", **env, "stack": "churn-dev-stack",
                "on_approval": False})
        print(arn)
        """

    @Test func dispatchFollowAndReadJobsAgainstTheStandIn() async throws {
        let emu = try await EmulatorProcess.start()
        do {
            let seeded = try await ProcessRunner.run(
                pythonPath.path, ["-c", Self.world, emu.endpoint.absoluteString],
                environment: ProcessInfo.processInfo.environment)
            try #require(seeded.code == 0, "world setup failed: \(seeded.stderr)")
            let arn = seeded.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try await exercise(base: emu.endpoint.appendingPathComponent("_github"), arn: arn)
        } catch {
            await emu.stop()
            throw error
        }
        await emu.stop()
    }

    private func exercise(base: URL, arn: String) async throws {
        let github = GitHubClient(token: Self.token, baseURL: base)
        let (owner, repo, workflow) = ("example-corp", "ml-deploy", "deploy.yml")
        let inputs = ["environment": "dev", "model_package_arn": arn]

        let stranger = GitHubClient(token: "ghp_not-the-token", baseURL: base)
        do {
            try await stranger.dispatchWorkflow(
                owner: owner, repo: repo, workflow: workflow, ref: "main", inputs: inputs)
            Issue.record("a wrong token was accepted")
        } catch let error as GitHubError {
            #expect(error == .http(operation: "dispatchWorkflow", status: 401, message: "Bad credentials"))
            #expect(!"\(error)".contains("ghp_not-the-token"))
        }
        await #expect {
            try await github.dispatchWorkflow(
                owner: owner, repo: repo, workflow: "nope.yml", ref: "main", inputs: inputs)
        } throws: { ($0 as? GitHubError)?.httpStatus == 404 }
        await #expect {
            try await github.dispatchWorkflow(
                owner: owner, repo: repo, workflow: workflow, ref: "main",
                inputs: ["environment": "dev", "colour": "red"])
        } throws: { error in
            guard case .http(_, 422, let message) = error as? GitHubError else { return false }
            return message?.contains("Unexpected inputs") == true
        }

        let before = Date().addingTimeInterval(-2)
        let plain = try await github.dispatchWorkflow(
            owner: owner, repo: repo, workflow: workflow, ref: "main", inputs: inputs)
        #expect(plain.workflowRunId == nil)
        let listed = try await github.listWorkflowRuns(
            owner: owner, repo: repo, workflow: workflow,
            filter: .init(event: "workflow_dispatch", createdAfter: before, perPage: 10))
        let dispatched = try #require(listed.workflowRuns.first)
        #expect(dispatched.event == "workflow_dispatch")
        #expect(dispatched.displayTitle?.contains(arn) == true)

        let finished = try await followToCompletion(github, owner: owner, repo: repo, runId: dispatched.id)
        #expect(finished.conclusion == "success", "\(finished)")
        #expect(finished.htmlURL?.isEmpty == false)
        let jobs = try await github.listJobs(owner: owner, repo: repo, runId: dispatched.id)
        #expect(jobs.jobs.map(\.name) == ["deploy"])
        #expect(jobs.jobs.first?.steps?.contains { $0.name == "cdk deploy" } == true)

        let detailed = try await github.dispatchWorkflow(
            owner: owner, repo: repo, workflow: workflow, ref: "main", inputs: inputs, returnRunDetails: true)
        let runId = try #require(detailed.workflowRunId)
        #expect(try await github.getWorkflowRun(owner: owner, repo: repo, runId: runId).id == runId)
    }

    /// Polls the run (with a deadline) until GitHub says it is completed.
    private func followToCompletion(_ github: GitHubClient, owner: String, repo: String, runId: Int) async throws
        -> GitHubWorkflowRun
    {
        let deadline = Date().addingTimeInterval(30)
        while true {
            let run = try await github.getWorkflowRun(owner: owner, repo: repo, runId: runId)
            if run.isCompleted { return run }
            try #require(Date() < deadline, "run \(runId) still \(run.status ?? "?") after 30 s")
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
