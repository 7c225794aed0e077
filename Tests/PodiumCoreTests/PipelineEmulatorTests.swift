import AWSCore
import Foundation
import Logging
import PodiumTestSupport
import Testing

@testable import PodiumCore

/// The ledger and the machinery against the emulator's demo world with its routes (`Emulator/seed.py --routes`:
/// stack-owned preprod, pipeline-deployed prod with pins), driven by real events: an approval that starts the
/// stand-in's Lambda and a GitHub run that fails, a stack update CloudFormation rolls back, a loose trigger rule.
/// Also what a refresh costs, counted from the emulator's request log.
@Suite(.serialized) struct PipelineEmulatorTests {
    static let fixture = repoRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/pipeline_fixture.py").path
    static let cliFixture = repoRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/cli_fixture.py").path
    static let environment = [
        "AWS_ENDPOINT_URL": "", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "HOME": FileManager.default.temporaryDirectory.path,
    ]

    /// demo.yaml with the routes the seeded world has (preprod: stack; prod: stack + pin, or the GitHub workflow).
    static func config(emulator: EmulatorProcess, github: Bool) throws -> PodiumConfig {
        var config = try ConfigLoader.load(path: repoRoot.appendingPathComponent("config/demo.yaml").path)
        let stack = StackTarget(name: "{endpoint}-stack", parameter: "ModelPackageArn")
        for index in config.environments.indices where config.environments[index].name != "dev" {
            var promotion = PromotionConfig(stack: stack)
            if config.environments[index].name == "prod" {
                // Built in code: the route itself is not what the ledger reads, the stack and the trigger are.
                promotion.pipeline = PipelineSettings(
                    trigger: github
                        ? .github(
                            GitHubWorkflowConfig(
                                repo: "example-corp/ml-deploy", workflow: "deploy.yml", tokenEnv: "PODIUM_GITHUB_TOKEN",
                                apiURL: emulator.endpoint.appendingPathComponent("_github").absoluteString))
                        : .pin("/models/{group}/{env}"))
            }
            config.environments[index].promotion = promotion
        }
        return config
    }

    static func session(_ config: PodiumConfig, emulator: EmulatorProcess) throws -> PodiumSession {
        var environment = Self.environment
        environment["AWS_ENDPOINT_URL"] = emulator.endpoint.absoluteString
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).jsonl")
        return try PodiumSession(
            config: config,
            clientFactory: StandardClientFactory(environment: environment, logger: Logger(label: "test")),
            auditLog: AuditLog(path: audit.path))
    }

    static func python(_ script: String, _ emulator: EmulatorProcess, _ arguments: String...) async throws {
        var environment = Self.environment
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let r = try await ProcessRunner.run(
            pythonPath.path, [script, emulator.endpoint.absoluteString] + arguments, environment: environment)
        guard r.code == 0 else { throw CLIError("\(arguments) failed: \(r.stderr)") }
    }

    struct CLIError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    func withDemoWorld(_ body: (EmulatorProcess) async throws -> Void) async throws {
        let emulator = try await EmulatorProcess.start()
        do {
            var environment = Self.environment
            environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            let seeded = try await ProcessRunner.run(
                pythonPath.path,
                [
                    repoRoot.appendingPathComponent("Emulator/seed.py").path, "--endpoint-url",
                    emulator.endpoint.absoluteString, "--routes", "--quiet",
                ], environment: environment)
            #expect(seeded.code == 0, "\(seeded.stderr)")
            try await emulator.control(
                "POST", "/_podium/config", ["stack_step_seconds": 0, "endpoint_update_seconds": 0])
            try await body(emulator)
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    func counts(_ requests: [EmulatorRequest]) -> [String: Int] {
        Dictionary(requests.filter { $0.service != "sts" }.map { ($0.operation, 1) }, uniquingKeysWith: +)
    }

    @Test func demoWorldLedgerAndWhatARefreshCosts() async throws {
        try await withDemoWorld { emulator in
            let session = try Self.session(Self.config(emulator: emulator, github: false), emulator: emulator)
            let ledger = LedgerReader(session: session)
            let machinery = MachineryReader(session: session)
            try await emulator.clearRequests()
            let first = await ledger.ledger()
            let firstLedger = counts(try await emulator.requests()).values.reduce(0, +)
            _ = await machinery.machinery(ledger: first)
            let firstCounts = counts(try await emulator.requests())
            try await emulator.clearRequests()
            let second = await ledger.ledger()
            let secondLedger = counts(try await emulator.requests()).values.reduce(0, +)
            _ = await machinery.machinery(ledger: second)
            let secondCounts = counts(try await emulator.requests())
            print("ledger alone: first \(firstLedger) calls, steady \(secondLedger) calls")
            let stacks = first.rows.compactMap(\.facts.stack).count
            let existing = first.rows.compactMap(\.facts.stack).filter(\.exists).count
            print(
                "pipeline first refresh (\(first.rows.count) rows, \(stacks) stacks): \(firstCounts.values.reduce(0, +)) calls \(firstCounts.sorted { $0.key < $1.key })"
            )
            print(
                "pipeline steady refresh: \(secondCounts.values.reduce(0, +)) calls \(secondCounts.sorted { $0.key < $1.key })"
            )

            #expect(first.rows.count == session.config.environments.flatMap(\.endpoints).count)
            #expect(first.rows.allSatisfy { $0.facts.problems.isEmpty }, "\(first.rows.flatMap(\.facts.problems))")
            // The seeded pins hold what runs: no pin flag; every stack's parameter names what runs.
            let prod = first.rows.filter { $0.facts.environment == "prod" && $0.facts.running?.exists == true }
            #expect(!prod.isEmpty && prod.allSatisfy { $0.facts.pin?.value == $0.facts.running?.packageArn })
            let wrong = first.rows.filter {
                $0.flags.contains { $0.kind == .pinMismatch || $0.kind == .silentRollback }
            }
            #expect(wrong.isEmpty, "\(wrong.map { ($0.facts.endpoint, $0.flags) })")
            // One DescribeStacks per stack per refresh; events only when a stack changed (the first time: all).
            #expect(firstCounts["DescribeStacks"] == stacks && secondCounts["DescribeStacks"] == stacks)
            #expect(firstCounts["DescribeStackEvents"] == existing)
            #expect(secondCounts["DescribeStackEvents"] == nil)
            // The chain is read once (cached by config); tags only for endpoints that changed.
            #expect(secondCounts["DescribeEndpointConfig"] == nil && secondCounts["DescribeModel"] == nil)
            #expect(secondCounts["ListTags"] == nil && secondCounts["DescribeEndpoint"] == nil)
        }
    }

    @Test func machineryPanelsShowRealFailures() async throws {
        try await withDemoWorld { emulator in
            let session = try Self.session(Self.config(emulator: emulator, github: true), emulator: emulator)
            // A loose rule in the registry account that targets the stand-in's Lambda.
            try await Self.python(
                Self.fixture, emulator, "put-rule", "123456789012", "us-east-1", "loose-deploy",
                #"{"source":["aws.sagemaker"],"detail-type":["SageMaker Model Package State Change"]}"#,
                "arn:aws:lambda:us-east-1:123456789012:function:podium-deploy-trigger")
            // An approval of a group prod deploys starts the stand-in's Lambda and a run, which fails.
            try await emulator.control("POST", "/_podium/github", ["fail_next": 1])
            let pending = try await session.pendingVersions()
            let prodGroups = Set(session.config.environment(named: "prod")?.endpoints.map(\.modelPackageGroup) ?? [])
            let version = try #require(pending.first { prodGroups.contains($0.group) })
            try await Self.python(
                Self.cliFixture, emulator, "set-status", version.group, String(version.version), "Approved")
            let github = GitHubClient(
                token: "podium-emulator-token", baseURL: emulator.endpoint.appendingPathComponent("_github"))
            let deadline = Date().addingTimeInterval(20)
            var finished = false
            while Date() < deadline, !finished {
                let runs = try await github.listWorkflowRuns(
                    owner: "example-corp", repo: "ml-deploy", workflow: "deploy.yml")
                finished = runs.workflowRuns.contains { $0.conclusion == "failure" }
                if !finished { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(finished, "the approval's run never failed")
            // Another tool's update of a preprod stack, which CloudFormation rolls back.
            let preprod = try #require(session.config.environment(named: "preprod")?.endpoints.first)
            try await emulator.failNextUpdate(
                endpoint: preprod.name, mode: .rollback, reason: "canary alarm fired", account: "222222222222")
            try await Self.python(
                Self.fixture, emulator, "update-stack", "222222222222",
                session.config.environment(named: "preprod")!.region,
                "\(preprod.name)-stack", version.arn)

            let ledger = await LedgerReader(session: session).ledger()
            let machinery = await MachineryReader(
                session: session, processEnvironment: ["PODIUM_GITHUB_TOKEN": "podium-emulator-token"]
            ).machinery(ledger: ledger)

            // The trigger: both rules with their patterns, the loose one flagged; the Lambda's metrics and log lines.
            let rules = machinery.registry.rules
            #expect(rules.first { $0.name == "podium-model-approved" }?.warning == nil, "\(rules.map(\.name))")
            #expect(rules.first { $0.name == "loose-deploy" }?.warning?.contains("unapproved") == true)
            let lambda = try #require(machinery.registry.lambdas.first { $0.function == "podium-deploy-trigger" })
            #expect(lambda.problems.isEmpty, "\(lambda.problems)")
            #expect(lambda.invocations.reduce(0, +) >= 1, "\(lambda)")
            #expect(lambda.lastLines.contains { $0.message.contains("is Approved") }, "\(lambda.lastLines)")

            // The stack: rolled back, the Endpoint's failure highlighted; the ledger flags the rollback.
            let env = try #require(machinery.environments.first { $0.environment == "preprod" })
            let stack = try #require(env.stacks.first { $0.name == "\(preprod.name)-stack" })
            #expect(stack.status == "UPDATE_ROLLBACK_COMPLETE")
            #expect(stack.firstFailed?.logicalId == "Endpoint", "\(stack.events)")
            #expect(stack.firstFailed?.reason?.contains("canary alarm fired") == true)
            let row = ledger.rows.first { $0.facts.endpoint == preprod.name }
            #expect(row?.flags.contains { $0.kind == .silentRollback } == true)

            // GitHub Actions: the failed run with its failing job.
            let prod = try #require(machinery.environments.first { $0.environment == "prod" })
            #expect(prod.runsProblem == nil, "\(prod.runsProblem ?? "")")
            let failed = try #require(prod.runs.first { $0.conclusion == "failure" }, "\(prod.runs)")
            #expect(failed.failingJob?.contains("deploy") == true, "\(failed)")
            #expect(failed.url?.isEmpty == false)
            #expect(failed.duration != nil)
        }
    }
}
