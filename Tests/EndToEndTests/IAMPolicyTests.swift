import Foundation
import PodiumTestSupport
import Testing

/// Least privilege, verified: IAM users whose policies are exactly `config/iam/*.json` (translated for moto, see
/// `IAMPolicyDocument.translatedForMoto`) run the commands of their role, and each action of each policy is
/// needed: without it the command that uses it fails, names the action, exits 1 and changes nothing.
///
/// Stock moto (unpatched `moto_server`, IAM enforcement on) covers reading, approving and promoting to a new
/// endpoint. UpdateEndpoint, the tag update after it and a complete rollback need the emulator (stock moto has no
/// UpdateEndpoint); its IAM enforcement is moto's own. Removal cases run 4 at a time, each with its own user.
@Suite(.serialized) struct IAMPolicyTests {
    static let concurrency = 4

    @Test func stockMotoRunsEachRoleWithItsPolicyAndEveryActionIsNeeded() async throws {
        let cases = try IAMPolicyRemovalCase.all().filter {
            if case .checkedStatically = $0.probe { return false }
            return !$0.probe.needsEmulator
        }
        let documents = try Self.documents()
        let moto = try await StockMotoProcess.start()
        do {
            let world = try await IAMPolicyWorld.make(
                endpoint: moto.endpoint, endpoints: ["churn-dev"],
                users: Self.roleUsers(documents) + cases.map { Self.user(for: $0, documents) })
            defer { world.cleanUp() }
            try await moto.enforceIAM()

            var jobs: [@Sendable () async throws -> Void] = Self.stockRoleChecks(world)
            jobs += cases.map { removal in { try await Self.check(removal, world) } }
            try await Self.runBounded(jobs)

            // Nothing any refused command could have changed did change.
            let state = try await world.state()
            #expect(state.packages["3"] == "Approved")
            #expect(state.packages["4"] == "Rejected")
            #expect(state.packages["5"] == "PendingManualApproval", "v5 was only ever approved by users who may not")
            #expect(state.endpoints["churn-dev"] == "churn-dev-v1")
            #expect(state.previous["churn-dev-v1"] == "none", "the rollback tag was rewritten")
            #expect(state.endpoints["approver-try"] == nil, "the approver created an endpoint")
            #expect(!state.models.contains { $0.hasPrefix("approver-try") }, "the approver created a model")
            #expect(state.endpoints["granted"] != nil, "the promoter's promotion did not create its endpoint")
        } catch {
            await moto.stop()
            throw error
        }
        await moto.stop()
    }

    @Test func emulatorVerifiesUpdateEndpointTagsAndRollbackPermissions() async throws {
        let cases = try IAMPolicyRemovalCase.all().filter(\.probe.needsEmulator)
        let documents = try Self.documents()
        let emulator = try await EmulatorProcess.start()
        do {
            try await emulator.setEndpointTimings(create: 0, update: 0)
            let world = try await IAMPolicyWorld.make(
                endpoint: emulator.endpoint, endpoints: ["granted"] + cases.map(\.endpointName),
                users: Self.roleUsers(documents) + cases.map { Self.user(for: $0, documents) })
            defer { world.cleanUp() }
            try await emulator.enableIAM()

            // Each role's commands, one at a time, make exactly the calls config/iam/README.md lists, and only
            // those (the request log is the emulator's, so nothing else runs meanwhile). The promoter promotes over
            // an existing endpoint (UpdateEndpoint + AddTags) and rolls it back.
            for step in Self.documentedCalls {
                try await emulator.clearRequests()
                let result = try await world.podium(step.user, endpoint: "granted", step.arguments)
                let command = "\(step.user) \(step.arguments.joined(separator: " "))"
                #expect(result.code == 0, "\(command): \(result.stderr)")
                #expect(!(result.stdout + result.stderr).contains("could not tag"), "\(command): \(result.stdout)")
                let calls = try await emulator.requests().map { Self.iamAction($0) }
                #expect(Set(calls) == step.calls, "\(command) called \(Set(calls).sorted())")
                #expect(calls.count > 0)
            }
            #expect(try await world.state().endpoints["granted"] == "granted-v1", "the rollback did not restore v1")

            // The endpoints the rollback cases roll back get a version to roll back from.
            let toPromote = cases.filter { if case .rollback = $0.probe { true } else { false } }.map(\.endpointName)
            try await Self.runBounded(
                toPromote.map { name in
                    {
                        let result = try await world.podium(
                            "promoter", endpoint: name, ["promote", "churn", "2", "--to", "dev", "--yes"])
                        #expect(result.code == 0, "promoter promote over \(name): \(result.stderr)")
                    }
                })
            let promoted = try await world.state()
            try await Self.runBounded(
                cases.map { removal in { try await Self.check(removal, world, before: promoted) } })
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    // MARK: - Calls per command

    /// A command of a role and the IAM actions it calls (`config/iam/README.md`, "Which command calls what").
    struct DocumentedCalls: Sendable {
        let user: String
        let arguments: [String]
        let calls: Set<String>
    }

    static let describeDeployment: Set<String> = [
        "sagemaker:DescribeEndpoint", "sagemaker:DescribeEndpointConfig", "sagemaker:DescribeModel",
    ]
    static let describeVersion: Set<String> = ["sagemaker:DescribeModelPackageGroup", "sagemaker:DescribeModelPackage"]

    /// In order: the promotion moves `granted` to v2, the rollback back to v1.
    static let documentedCalls: [DocumentedCalls] = [
        DocumentedCalls(
            user: "reader", arguments: ["groups"],
            calls: ["sagemaker:ListModelPackageGroups", "sagemaker:ListModelPackages"]),
        DocumentedCalls(
            user: "reader", arguments: ["versions", "churn"],
            calls: ["sagemaker:ListModelPackages"]),
        DocumentedCalls(
            user: "reader", arguments: ["versions", "churn", "--details"],
            calls: ["sagemaker:ListModelPackages", "sagemaker:DescribeModelPackage"]),
        DocumentedCalls(
            user: "reader", arguments: ["show", "churn", "2"],
            calls: describeVersion.union(describeDeployment).union(["s3:GetObject"])),
        DocumentedCalls(
            user: "reader", arguments: ["status"],
            calls: describeDeployment.union([
                "sagemaker:ListEndpoints", "cloudwatch:GetMetricData", "cloudwatch:DescribeAlarms",
            ])),
        DocumentedCalls(
            user: "approver", arguments: ["approve", "churn", "3", "--comment", "ok"],
            calls: describeVersion.union(["sagemaker:UpdateModelPackage", "sts:GetCallerIdentity"])),
        DocumentedCalls(
            user: "approver", arguments: ["reject", "churn", "4", "--comment", "no"],
            calls: describeVersion.union(describeDeployment).union([
                "sagemaker:UpdateModelPackage", "sts:GetCallerIdentity",
            ])),
        DocumentedCalls(
            user: "promoter", arguments: ["promote", "churn", "2", "--to", "dev", "--yes"],
            calls: describeVersion.union(describeDeployment).union([
                "sagemaker:CreateModel", "sagemaker:CreateEndpointConfig", "sagemaker:UpdateEndpoint",
                "sagemaker:AddTags", "sts:GetCallerIdentity",
                // The drift guard (the endpoint's tags, then DescribeStackResources by physical id) and preflight
                // (the model data and the execution role; the image URI is not ECR's, so it is skipped).
                "sagemaker:ListTags", "cloudformation:DescribeStackResources", "s3:GetObject", "iam:GetRole",
            ])),
        DocumentedCalls(
            user: "promoter", arguments: ["rollback", "dev", "granted", "--yes"],
            calls: describeDeployment.union([
                "sagemaker:ListEndpointConfigs", "sagemaker:ListTags", "sagemaker:UpdateEndpoint", "sagemaker:AddTags",
                "sts:GetCallerIdentity",
                // The drift guard: the endpoint has no stack-name tag, so DescribeStackResources by physical id.
                "cloudformation:DescribeStackResources",
                // Preflight of the target: its model was made from the package (DescribeModelPackage for the
                // containers), then the model data and the execution role, as for a promotion.
                "sagemaker:DescribeModelPackage", "s3:GetObject", "iam:GetRole",
            ])),
    ]

    /// A logged request as its IAM action (the log has the signing name: CloudWatch signs as `monitoring`).
    static func iamAction(_ request: EmulatorRequest) -> String {
        // IAM authorises S3's HEAD as GetObject; CloudWatch signs as `monitoring`.
        if request.service == "s3" && request.operation == "HeadObject" { return "s3:GetObject" }
        return (request.service == "monitoring" ? "cloudwatch" : request.service) + ":" + request.operation
    }

    // MARK: - Roles

    /// The three roles: reader (read-only), approver (read-only + approver), promoter (read-only + promoter).
    static func roleUsers(_ documents: [String: IAMPolicyDocument]) -> [IAMPolicyWorld.User] {
        let readonly = documents["readonly"]!.translatedForMoto()
        return [
            IAMPolicyWorld.User("reader", [readonly]),
            IAMPolicyWorld.User("approver", [readonly, documents["approver"]!.translatedForMoto()]),
            IAMPolicyWorld.User("promoter", [readonly, documents["promoter"]!.translatedForMoto()]),
        ]
    }

    /// The user of a removal case: its role's policies, with the action taken out of the case's policy.
    static func user(for removal: IAMPolicyRemovalCase, _ documents: [String: IAMPolicyDocument])
        -> IAMPolicyWorld.User
    {
        let reduced = documents[removal.policy]!.translatedForMoto(removing: removal.action)
        let policies =
            removal.policy == "readonly" ? [reduced] : [documents["readonly"]!.translatedForMoto(), reduced]
        return IAMPolicyWorld.User(removal.endpointName, policies)
    }

    static func documents() throws -> [String: IAMPolicyDocument] {
        var out: [String: IAMPolicyDocument] = [:]
        for name in IAMPolicyDocument.names { out[name] = try IAMPolicyDocument.load(name) }
        return out
    }

    /// What each role may and may not do on stock moto.
    static func stockRoleChecks(_ world: IAMPolicyWorld) -> [@Sendable () async throws -> Void] {
        @Sendable func expectRuns(_ user: String, _ arguments: [String], showing texts: [String]) async throws {
            let result = try await world.podium(user, arguments)
            #expect(result.code == 0, "\(user) \(arguments.joined(separator: " ")): \(result.stderr)")
            #expect(!result.stderr.contains("not authorized"), "\(user) \(arguments): \(result.stderr)")
            for text in texts {
                #expect(result.stdout.contains(text), "\(user) \(arguments): no \(text) in\n\(result.stdout)")
            }
        }
        @Sendable func expectDenied(
            _ user: String, endpoint: String = "churn-dev", _ arguments: [String], naming action: String
        )
            async throws
        {
            let result = try await world.podium(user, endpoint: endpoint, arguments)
            #expect(result.code == 1, "\(user) \(arguments) exited \(result.code): \(result.stderr)")
            #expect(result.stderr.contains(action), "\(user) \(arguments): \(action) not named in\n\(result.stderr)")
        }
        return [
            { try await expectRuns("reader", ["status"], showing: ["churn-dev", "InService", "v1"]) },
            {
                try await expectRuns("reader", ["versions", "churn"], showing: ["PendingManualApproval", "version 5"])
            },
            { try await expectRuns("reader", ["show", "churn", "2"], showing: ["auc", "dev/churn-dev: v1"]) },
            { try await expectRuns("reader", ["groups"], showing: ["churn"]) },
            // Only the promoter writes the tag rollback trusts (and only on creation, which the static tests check).
            {
                for user in ["reader", "approver"] {
                    let answer = try await world.forgeRollbackTag(as: user, config: "churn-dev-v1")
                    #expect(answer == "HTTP 403", "\(user) rewrote podium:previous-endpoint-config: \(answer)")
                }
            },
            { try await Self.watchShowsData(world) },
            { try await Self.watchKeepsPartialDataWhenCloudWatchIsRefused(world) },
            {
                try await expectDenied(
                    "reader", ["approve", "churn", "5", "--comment", "x"], naming: "sagemaker:UpdateModelPackage")
            },
            {
                try await expectRuns("approver", ["approve", "churn", "3", "--comment", "ok"], showing: ["Approved"])
                try await expectRuns("approver", ["reject", "churn", "4", "--comment", "no"], showing: ["Rejected"])
            },
            // Separation of duties: each role's explicit Deny holds even where another policy would allow.
            {
                try await expectDenied(
                    "approver", endpoint: "approver-try", ["promote", "churn", "2", "--to", "dev", "--yes"],
                    naming: "sagemaker:CreateModel")
            },
            {
                try await expectDenied(
                    "promoter", ["approve", "churn", "5", "--comment", "x"], naming: "sagemaker:UpdateModelPackage")
            },
            {
                let promoted = try await world.podium(
                    "promoter", endpoint: "granted", ["promote", "churn", "2", "--to", "dev", "--yes"])
                #expect(promoted.code == 0, "promoter promote to a new endpoint: \(promoted.stderr)")
                // Rollback reads its history (ListEndpointConfigs, ListTags) and refuses: a first deployment has
                // nothing before it. Its UpdateEndpoint is checked on the emulator.
                let rollback = try await world.podium(
                    "promoter", endpoint: "granted", ["rollback", "dev", "granted", "--yes"])
                #expect(rollback.code == 3, "rollback of a first deployment: \(rollback.code) \(rollback.stderr)")
                #expect(rollback.stderr.contains("no previous endpoint config"), "\(rollback.stderr)")
            },
        ]
    }

    /// `podium watch` as the reader, in tmux: the dashboard shows the endpoint and its version, no access error.
    static func watchShowsData(_ world: IAMPolicyWorld) async throws {
        guard TmuxSession.shouldRun else { return }
        let tmux = try TmuxSession.start(
            command: [
                IAMPolicyWorld.podium, "watch", "--refresh", "2s", "--config",
                try world.configPath(endpoint: "churn-dev"),
            ],
            width: 120, height: 30, environment: try world.environment(user: "reader"))
        defer { tmux.kill() }
        let screen = try await tmux.waitUntil("the watch dashboard with churn-dev on v1", timeout: .seconds(30)) {
            // The alarm's state comes from DescribeAlarms. (Stock moto answers podium's GetMetricData with a 500, a
            // serializer bug on percentile statistics, so the metrics line says "metrics unavailable".)
            $0.contains("churn-dev") && $0.contains("churn v1") && $0.contains("5xx:OK") && !$0.contains("loading")
        }
        #expect(!screen.contains("not authorized") && !screen.contains("AccessDenied"), "watch:\n\(screen)")
    }

    /// The console, unlike the CLI, keeps showing what it could read when a degrading read is refused: the
    /// endpoint and its version stay on screen (not "loading…"), health unknown, without the metrics.
    static func watchKeepsPartialDataWhenCloudWatchIsRefused(_ world: IAMPolicyWorld) async throws {
        guard TmuxSession.shouldRun else { return }
        let user = try #require(
            try IAMPolicyRemovalCase.all().first { $0.policy == "readonly" && $0.action == "cloudwatch:GetMetricData" }
        ).endpointName
        let tmux = try TmuxSession.start(
            command: [
                IAMPolicyWorld.podium, "watch", "--refresh", "2s", "--config",
                try world.configPath(endpoint: "churn-dev"),
            ],
            width: 120, height: 30, environment: try world.environment(user: user))
        defer { tmux.kill() }
        try await tmux.waitUntil("churn-dev on v1 without metrics", timeout: .seconds(30)) {
            $0.contains("churn v1") && $0.contains("metrics unavailable") && !$0.contains("loading")
        }
    }

    // MARK: - Removal cases

    /// Runs one removal case and checks its outcome (`before`: the state the emulator cases start from).
    static func check(_ removal: IAMPolicyRemovalCase, _ world: IAMPolicyWorld, before: IAMPolicyWorld.State? = nil)
        async throws
    {
        let user = removal.endpointName
        let name = removal.endpointName
        func expectFailureNamingTheAction(_ result: ProcessResult) {
            #expect(result.code == 1, "\(removal): exit \(result.code)\n\(result.stdout)\n\(result.stderr)")
            #expect(result.stderr.contains(removal.action), "\(removal): the action is not named:\n\(result.stderr)")
        }
        switch removal.probe {
        case .read(let arguments):
            expectFailureNamingTheAction(try await world.podium(user, arguments))
        case .approve:
            expectFailureNamingTheAction(try await world.podium(user, ["approve", "churn", "5", "--comment", "x"]))
        case .promoteToNewEndpoint:
            let failed = try await world.podium(
                user, endpoint: name, ["promote", "churn", "2", "--to", "dev", "--yes"])
            expectFailureNamingTheAction(failed)
            // No partial change: the endpoint does not exist, and what was created before the refused call has the
            // plan's deterministic name (shown in the plan), so a re-run finds and reuses it.
            let state = try await world.state()
            #expect(state.endpoints[name] == nil, "\(removal): the endpoint was created")
            let leftovers = (state.models + state.configs).filter { $0.hasPrefix(name) }
            for leftover in leftovers {
                #expect(
                    failed.stdout.contains(leftover), "\(removal): \(leftover) is not in the plan:\n\(failed.stdout)")
            }
            let rerun = try await world.podium(
                "promoter", endpoint: name, ["promote", "churn", "2", "--to", "dev", "--yes"])
            #expect(rerun.code == 0, "\(removal): the re-run with the whole policy failed: \(rerun.stderr)")
            let after = try await world.state()
            #expect(after.models.filter { $0.hasPrefix(name) }.count == 1, "\(removal): models \(after.models)")
            #expect(after.configs.filter { $0.hasPrefix(name) }.count == 1, "\(removal): configs \(after.configs)")
            #expect(after.endpoints[name] != nil, "\(removal): the re-run did not create the endpoint")
        case .promoteOverExistingEndpoint(let failsBeforeTheMove):
            let result = try await world.podium(
                user, endpoint: name, ["promote", "churn", "2", "--to", "dev", "--yes"])
            let state = try await world.state()
            if failsBeforeTheMove {
                expectFailureNamingTheAction(result)
                #expect(state.endpoints[name] == "\(name)-v1", "\(removal): the endpoint moved")
            } else {
                // The endpoint moved before the tag update: failing now would report a finished deployment as a
                // failure. Podium says which call it could not make instead.
                #expect(result.code == 0, "\(removal): \(result.stderr)")
                #expect((result.stdout + result.stderr).contains(removal.action), "\(removal): \(result.stdout)")
                #expect(state.endpoints[name] != "\(name)-v1", "\(removal): the promotion itself did not happen")
            }
        case .rollback:
            let result = try await world.podium(user, endpoint: name, ["rollback", "dev", name, "--yes"])
            expectFailureNamingTheAction(result)
            let state = try await world.state()
            #expect(state.endpoints[name] == before?.endpoints[name], "\(removal): the endpoint changed")
            #expect(state.endpoints[name] != "\(name)-v1", "\(removal): the endpoint was rolled back")
        case .checkedStatically:
            break
        }
    }

    /// Runs `jobs`, at most `concurrency` at a time.
    static func runBounded(_ jobs: [@Sendable () async throws -> Void]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            for _ in 0..<min(concurrency, jobs.count) {
                let job = jobs[next]
                next += 1
                group.addTask { try await job() }
            }
            while try await group.next() != nil {
                guard next < jobs.count else { continue }
                let job = jobs[next]
                next += 1
                group.addTask { try await job() }
            }
        }
    }
}
