import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// A write that got no answer may have landed: the executor re-reads the state instead of reporting a plain
/// failure, follows the change when it took effect, and records `unknown` when it cannot tell. AWS is the scripted
/// transport of `RecordedCallTests` (signed requests, AWSCore's real retries); the timeouts are transport failures.
@Suite struct UncertainWriteTests {
    static let timeout = TransportError.timedOut("no response from https://aws.test within 1 s")

    struct World {
        let aws: ScriptedAWS
        let state: PromotionState
        let session: PodiumSession
        let auditPath: String
        let plan: DeploymentPlan

        var records: [AuditRecord] { (try? AuditLog(path: auditPath).read().records) ?? [] }
    }

    /// churn-dev runs v3; the plan promotes v4 (RecordedCallTests' scripted dev account).
    static func world() async throws -> World {
        let aws = ScriptedAWS()
        let state = PromotionState()
        RecordedCallTests.scriptPromotion(aws, state: state)
        let auditPath = RecordedCallTests.auditPath()
        let session = try aws.session(
            config: try RecordedCallTests.config(), auditPath: auditPath, now: { RecordedCallTests.now })
        let plan = try await session.planPromotion(group: "churn", version: 4, to: "dev")
        #expect(plan.isAllowed, "\(plan.blockers)")
        await aws.transport.clear()
        return World(aws: aws, state: state, session: session, auditPath: auditPath, plan: plan)
    }

    /// UpdateEndpoint is carried out but every answer is lost: the re-read shows the endpoint on the plan's
    /// config, so podium follows it to the end (tagging the endpoint) and the success says how it was confirmed.
    @Test func aTimedOutUpdateThatLandedIsFollowedAndConfirmed() async throws {
        let world = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        let state = world.state
        world.aws.failing("UpdateEndpoint") { request in
            state.currentConfig = ScriptedAWS.body(request)["EndpointConfigName"] as? String ?? ""
            return Self.timeout
        }
        let outcome = try await world.session.execute(world.plan)
        #expect(outcome.status == .inService)
        #expect(world.state.currentConfig == world.plan.newEndpointConfig)
        // AWSCore's three attempts, then nothing sent again by podium; the endpoint's tags are written.
        #expect(await world.aws.requests("UpdateEndpoint").count == 3)
        #expect(await world.aws.requests("AddTags").count == 1)
        let records = world.records
        #expect(records.map(\.outcome) == [.started, .success])
        let note = records.last?.error ?? ""
        #expect(note.hasPrefix("confirmed after UpdateEndpoint churn-dev got no answer in 3 attempts (timed out"))
        #expect(note.hasSuffix("DescribeEndpoint shows churn-dev InService on \(world.plan.newEndpointConfig)"))
    }

    /// The first attempt is carried out and its answer lost; the retry is answered "Cannot update in-progress
    /// endpoint", which describes podium's own update: followed, not reported as a failure.
    @Test func aRetryRefusedBecauseTheFirstAttemptLandedIsNotAFailure() async throws {
        let world = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        let state = world.state
        let attempts = LockedValue(0)
        world.aws.failing("UpdateEndpoint") { request in
            guard
                attempts.withLock({ count in
                    count += 1
                    return count
                }) == 1
            else { return nil }
            state.currentConfig = ScriptedAWS.body(request)["EndpointConfigName"] as? String ?? ""
            return Self.timeout
        }
        world.aws.on("UpdateEndpoint") { _ in
            ScriptedAWS.json(
                ["__type": "ValidationException", "message": "Cannot update in-progress endpoint"], status: 400)
        }
        let outcome = try await world.session.execute(world.plan)
        #expect(outcome.status == .inService)
        #expect(await world.aws.requests("UpdateEndpoint").count == 2)
        #expect(world.records.map(\.outcome) == [.started, .success])
        #expect(
            world.records.last?.error?.hasPrefix(
                "confirmed after UpdateEndpoint churn-dev got no answer, and its retry was answered ValidationException (Cannot update in-progress endpoint): DescribeEndpoint shows churn-dev InService on"
            ) == true)
    }

    /// Nothing shows the update: the outcome is unknown (audited so), the message says what was sent and what the
    /// re-read saw, and podium does not send it a fourth time.
    @Test func aTimedOutUpdateThatDoesNotShowIsUnknownNotFailed() async throws {
        let world = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        world.aws.failing("UpdateEndpoint") { _ in Self.timeout }
        let error = await #expect(throws: PodiumError.self) { try await world.session.execute(world.plan) }
        #expect(error?.kind == .outcomeUnknown)
        let message = error?.message ?? ""
        #expect(message.hasPrefix("outcome unknown: UpdateEndpoint churn-dev got no answer in 3 attempts (timed out"))
        #expect(
            message.contains(
                "re-read: DescribeEndpoint shows churn-dev InService on churn-dev-v3, not \(world.plan.newEndpointConfig)"
            ))
        #expect(await world.aws.requests("UpdateEndpoint").count == 3)
        #expect(world.records.map(\.outcome) == [.started, .unknown])
        #expect(world.records.last?.error?.hasPrefix("outcome unknown: UpdateEndpoint churn-dev") == true)
        // A re-run treats the unknown change as unfinished (as it does an interrupted one).
        #expect(world.session.changeAudit.interruptedChange(environment: "dev", endpoint: "churn-dev") != nil)
    }

    /// The stack and pipeline routes' writes are re-read where they land: the stack's package parameter
    /// (UpdateStack: followed when it holds the plan's ARN) and the pin (PutParameter: written, but carrying on
    /// would write it again and could start the pipeline twice, so it is reported, not followed).
    @Test func anUpdateStackOrAPinIsReReadWhereItLands() async throws {
        let world = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        var env = try world.session.context.environment("dev")
        env.promotion = PromotionConfig(
            route: .stack, stack: StackTarget(name: "{endpoint}-stack", parameter: "ModelPackageArn"),
            pipeline: PipelineSettings(trigger: .pin("/models/{group}/{env}")))
        let arn = RecordedCallTests.packageArn
        let parameter = LockedValue(RecordedCallTests.oldPackageArn)
        world.aws.on("DescribeStacks") { _ in
            let xml =
                "<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>churn-dev-stack</StackName>"
                + "<StackStatus>UPDATE_IN_PROGRESS</StackStatus><CreationTime>2026-01-01T00:00:00Z</CreationTime>"
                + "<Parameters><member><ParameterKey>ModelPackageArn</ParameterKey><ParameterValue>"
                + parameter.withLock { $0 } + "</ParameterValue></member></Parameters></member></Stacks>"
                + "</DescribeStacksResult></DescribeStacksResponse>"
            return HTTPResponse(status: 200, headers: [("Content-Type", "text/xml")], body: Array(xml.utf8))
        }
        world.aws.on("GetParameter", json: ["Parameter": ["Name": "/models/churn/dev", "Value": arn, "Version": 2]])
        let check = UncertainWriteCheck(deployments: world.session.deploymentReader)
        let client = try world.session.context.client(for: "dev")
        func read(_ operation: UncertainWrite.Operation) async -> UncertainWriteCheck.Seen {
            let write = UncertainWrite(
                call: "\(operation.rawValue) x", operation: operation, underlying: CancellationError())
            return await check.readOnce(write, plan: world.plan, environment: env, client: client)
        }
        let old =
            "DescribeStacks shows churn-dev-stack UPDATE_IN_PROGRESS with ModelPackageArn = \(RecordedCallTests.oldPackageArn)"
        #expect(await read(.updateStack) == .notSeen(old))
        parameter.withLock { $0 = arn }
        #expect(
            await read(.updateStack)
                == .landed("DescribeStacks shows churn-dev-stack UPDATE_IN_PROGRESS with ModelPackageArn = \(arn)"))
        guard case .landedNotFollowed(let text) = await read(.putParameter) else {
            Issue.record("a written pin is reported, not followed")
            return
        }
        #expect(text.hasPrefix("GetParameter shows /models/churn/dev = \(arn)"))
    }

    /// A create of podium's deterministic names is simply run again after no answer (the route looks first and
    /// reuses what exists); when that gets no answer either, the outcome is unknown, said and audited so.
    @Test func aCreateThatNeverAnswersEndsUnknownAfterOneMoreTry() async throws {
        let world = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        world.aws.failing("CreateModel") { _ in Self.timeout }
        let error = await #expect(throws: PodiumError.self) { try await world.session.execute(world.plan) }
        #expect(
            error?.message.hasPrefix("outcome unknown: CreateModel churn-dev-v4-") == true, "\(error?.message ?? "")")
        #expect(await world.aws.requests("CreateModel").count == 6)
        #expect(await world.aws.requests("UpdateEndpoint").isEmpty)
        #expect(world.records.map(\.outcome) == [.started, .unknown])
    }

    /// A connection refused never reached AWS: a plain failure, as before.
    @Test func aRefusedConnectionIsAPlainFailure() async throws {
        let world = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        world.aws.failing("UpdateEndpoint") { _ in .connectFailed("https://aws.test refused the connection") }
        await #expect(throws: PodiumError.self) { try await world.session.execute(world.plan) }
        #expect(world.records.map(\.outcome) == [.started, .failure])
    }
}
