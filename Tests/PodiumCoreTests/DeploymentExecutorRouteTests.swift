import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// The executor wraps every route the same way: audit first (the `started` record exists before the route runs),
/// the re-check at the moment of acting (a busy endpoint never reaches the route), and one outcome record. A
/// recording route stands in for the direct one; AWS is the scripted transport of `RecordedCallTests`.
@Suite struct DeploymentExecutorRouteTests {
    /// A route that notes one write and reports what it saw when it ran.
    final class RecordingRoute: PromotionRoute, @unchecked Sendable {
        private let lock = NSLock()
        private var _runs: [(plan: DeploymentPlan, auditOutcomes: [AuditRecord.Outcome])] = []
        let auditLog: AuditLog
        let failure: PodiumError?

        init(auditLog: AuditLog, failure: PodiumError? = nil) {
            self.auditLog = auditLog
            self.failure = failure
        }

        var runs: [(plan: DeploymentPlan, auditOutcomes: [AuditRecord.Outcome])] { lock.withLock { _runs } }

        func run(_ plan: DeploymentPlan, context: RouteContext, progress: ProgressReporter) async throws
            -> DeploymentOutcome
        {
            let outcomes = (try? auditLog.read().records.map(\.outcome)) ?? []
            lock.withLock { _runs.append((plan, outcomes)) }
            if let failure { throw failure }
            context.made("PutParameter /models/\(plan.endpoint)", operation: .putParameter)
            progress(.deploying, .endpoint(.updating), "following")
            return DeploymentOutcome(plan: plan, status: .inService, elapsed: progress.elapsed, calls: context.calls)
        }
    }

    struct World {
        let aws: ScriptedAWS
        let session: PodiumSession
        let auditPath: String
        let plan: DeploymentPlan

        func executor(_ route: RecordingRoute?) -> DeploymentExecutor {
            DeploymentExecutor(
                context: session.context, registry: session.registry, deployments: session.deploymentReader,
                health: session.healthService, audit: session.changeAudit,
                routes: route.map { [.direct: $0] } ?? [:])
        }

        var outcomes: [AuditRecord.Outcome] { (try? AuditLog(path: auditPath).read().records.map(\.outcome)) ?? [] }
    }

    static func world() async throws -> World {
        let aws = ScriptedAWS()
        RecordedCallTests.scriptPromotion(aws)
        let auditPath = RecordedCallTests.auditPath()
        let session = try aws.session(
            config: try RecordedCallTests.config(), auditPath: auditPath, now: { RecordedCallTests.now })
        let plan = try await session.planPromotion(group: "churn", version: 4, to: "dev")
        #expect(plan.isAllowed, "\(plan.blockers)")
        await aws.transport.clear()
        return World(aws: aws, session: session, auditPath: auditPath, plan: plan)
    }

    @Test func theRouteRunsAfterTheStartedRecordAndItsCallsAreTheOutcome() async throws {
        let world = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        let route = RecordingRoute(auditLog: world.session.auditLog)
        let progress = LockedValue<[DeploymentProgress]>([])
        let outcome = try await world.executor(route).execute(world.plan) { report in
            progress.withLock { $0.append(report) }
        }
        #expect(route.runs.count == 1)
        #expect(route.runs.first?.auditOutcomes == [.started])
        #expect(outcome.calls == ["PutParameter /models/churn-dev"])
        #expect(world.outcomes == [.started, .success])
        let records = try AuditLog(path: world.auditPath).read().records
        #expect(records.first?.plan == world.plan.lines)
        #expect(progress.withLock { $0.map(\.phase) } == [.deploying, .done])
        // The route replaced the direct calls: nothing was created or updated.
        let writes = await world.aws.operations().filter { $0.hasPrefix("Create") || $0.hasPrefix("Update") }
        #expect(writes.isEmpty)
    }

    @Test func anEndpointThatStartedChangingSinceThePlanNeverReachesTheRoute() async throws {
        let world = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        let t = RecordedCallTests.now.timeIntervalSince1970
        world.aws.on(
            "DescribeEndpoint",
            json: [
                "EndpointName": "churn-dev",
                "EndpointArn": "arn:aws:sagemaker:us-east-1:111111111111:endpoint/churn-dev",
                "EndpointConfigName": "churn-dev-v3", "EndpointStatus": "Updating", "CreationTime": t - 86_400,
                "LastModifiedTime": t - 60,
            ])
        let route = RecordingRoute(auditLog: world.session.auditLog)
        let error = await #expect(throws: PodiumError.self) {
            _ = try await world.executor(route).execute(world.plan) { _ in }
        }
        #expect(error?.kind == .refused)
        #expect(error?.message == "churn-dev is Updating; wait until it is InService")
        #expect(route.runs.isEmpty)
        #expect(world.outcomes == [.started, .refused])
    }

    @Test func aFailingRouteIsRecordedAsAFailure() async throws {
        let world = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        let route = RecordingRoute(
            auditLog: world.session.auditLog, failure: PodiumError(.failed, "the stack update failed: boom"))
        let error = await #expect(throws: PodiumError.self) {
            _ = try await world.executor(route).execute(world.plan) { _ in }
        }
        #expect(error?.kind == .failed)
        #expect(route.runs.count == 1)
        #expect(world.outcomes == [.started, .failure])
        let last = try AuditLog(path: world.auditPath).read().records.last
        #expect(last?.error?.contains("the stack update failed: boom") == true)
    }

    @Test func aPlanWhoseRouteThisBuildCannotRunFailsWithoutAnyWrite() async throws {
        let world = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        let error = await #expect(throws: PodiumError.self) {
            _ = try await world.executor(nil).execute(world.plan) { _ in }
        }
        #expect(error?.kind == .failed)
        #expect(error?.message == "podium cannot run the direct route in this build")
        #expect(world.outcomes == [.started, .failure])
        let writes = await world.aws.operations().filter { $0.hasPrefix("Create") || $0.hasPrefix("Update") }
        #expect(writes.isEmpty)
    }

    @Test func aBlockedPlanIsRecordedAsARefusalAndNeverStarts() async throws {
        let world = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        var blocked = world.plan
        blocked.blockers = ["gate: v4 has run in preprod for 10m; the gate needs 1h"]
        let route = RecordingRoute(auditLog: world.session.auditLog)
        let error = await #expect(throws: PodiumError.self) {
            _ = try await world.executor(route).execute(blocked) { _ in }
        }
        #expect(error?.kind == .refused)
        #expect(route.runs.isEmpty)
        #expect(world.outcomes == [.refused])
    }
}
