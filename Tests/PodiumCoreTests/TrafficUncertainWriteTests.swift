import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// A traffic write that got no answer may have landed: like a deployment's, it is re-read (DescribeEndpoint) and
/// followed when it took effect, or its outcome is reported and audited `unknown`, never "failed". AWS is the
/// scripted transport (signed requests, AWSCore's real retries); the timeouts are transport failures.
@Suite struct TrafficUncertainWriteTests {
    static let timeout = TransportError.timedOut("no response from https://aws.test within 1 s")
    static let t = RecordedCallTests.now.timeIntervalSince1970

    /// churn-ab in dev: what SageMaker holds. A shift shows `Updating` with the desired weights for the next
    /// `updatingReads` DescribeEndpoint answers, then `InService` with them current.
    final class Endpoint: Sendable {
        struct State {
            var config = "churn-ab-1"
            var pendingConfig: String?
            var current: [String: Double] = ["champion": 90, "challenger": 10]
            var desired: [String: Double]?
            var updatingReads = 0
            /// The variants of each config podium created, as sent (JSON).
            var created: [String: Data] = [:]
        }
        let state = LockedValue(State())

        /// Carries out a shift as SageMaker does: Updating with the weights desired, current once settled.
        func shift(_ request: HTTPRequest, updatingReads: Int = 1) {
            let body = ScriptedAWS.body(request)
            let sent = (body["DesiredWeightsAndCapacities"] as? [[String: Any]] ?? []).compactMap {
                entry -> (String, Double)? in
                guard let name = entry["VariantName"] as? String, let weight = entry["DesiredWeight"] as? Double
                else { return nil }
                return (name, weight)
            }
            state.withLock {
                $0.desired = $0.current.merging(sent) { _, new in new }
                $0.updatingReads = updatingReads
            }
        }

        /// Carries out an UpdateEndpoint (in service on the new config at once).
        func update(_ request: HTTPRequest) {
            let config = ScriptedAWS.body(request)["EndpointConfigName"] as? String ?? ""
            state.withLock { $0.config = config }
        }

        func describe() -> HTTPResponse {
            let state = self.state.withLock { state in
                let now = state
                if state.updatingReads > 0 {
                    state.updatingReads -= 1
                } else if let desired = state.desired {
                    state.current = desired
                    state.desired = nil
                }
                return now
            }
            let variants = Self.variantNames(state.created[state.config]) ?? ["champion", "challenger"]
            var body: [String: Any] = [
                "EndpointName": "churn-ab", "EndpointArn": "arn:aws:sagemaker:us-east-1:111111111111:endpoint/churn-ab",
                "EndpointConfigName": state.config,
                "EndpointStatus": state.updatingReads > 0 || state.desired != nil ? "Updating" : "InService",
                "CreationTime": TrafficUncertainWriteTests.t - 86_400,
                "LastModifiedTime": TrafficUncertainWriteTests.t - 7_200,
                "ProductionVariants": variants.map { name in
                    [
                        "VariantName": name, "CurrentWeight": state.current[name] ?? 1,
                        "DesiredWeight": state.desired?[name] ?? state.current[name] ?? 1,
                        "CurrentInstanceCount": 1, "DesiredInstanceCount": 1,
                    ] as [String: Any]
                },
            ]
            if let pending = state.pendingConfig {
                body["PendingDeploymentSummary"] = ["EndpointConfigName": pending]
            }
            return ScriptedAWS.json(body)
        }

        static func variantNames(_ created: Data?) -> [String]? {
            guard let created,
                let variants = try? JSONSerialization.jsonObject(with: created) as? [[String: Any]]
            else { return nil }
            return variants.compactMap { $0["VariantName"] as? String }
        }
    }

    struct World {
        let aws: ScriptedAWS
        let endpoint: Endpoint
        let session: PodiumSession
        let auditPath: String

        var records: [AuditRecord] { (try? AuditLog(path: auditPath).read().records) ?? [] }
    }

    static func world() throws -> World {
        let aws = ScriptedAWS()
        let endpoint = Endpoint()
        aws.on("GetCallerIdentity") { _ in
            ScriptedAWS.callerIdentity(arn: "arn:aws:sts::111111111111:assumed-role/promoter/alice", account: "111")
        }
        aws.on("DescribeEndpoint") { _ in endpoint.describe() }
        aws.on("DescribeEndpointConfig") { request in
            let name = ScriptedAWS.body(request)["EndpointConfigName"] as? String ?? ""
            let created = endpoint.state.withLock { $0.created[name] }
            let variants =
                created.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [[String: Any]] }
                ?? ["champion", "challenger"].map {
                    ["VariantName": $0, "ModelName": "churn-ab-\($0)", "InstanceType": "ml.m5.large"] as [String: Any]
                }
            return ScriptedAWS.json([
                "EndpointConfigName": name, "EndpointConfigArn": "arn:aws:sagemaker:us-east-1:111111111111:ec/\(name)",
                "CreationTime": t - 7_300, "ProductionVariants": variants,
            ])
        }
        aws.on("DescribeModel") { request in
            let name = ScriptedAWS.body(request)["ModelName"] as? String ?? ""
            let version = name.hasSuffix("champion") ? 3 : 4
            return ScriptedAWS.json([
                "ModelName": name, "ModelArn": "arn:aws:sagemaker:us-east-1:111111111111:model/\(name)",
                "CreationTime": t - 7_300,
                "PrimaryContainer": [
                    "ModelPackageName": "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/\(version)"
                ],
            ])
        }
        aws.on("UpdateEndpointWeightsAndCapacities") { request in
            endpoint.shift(request)
            return ScriptedAWS.json(["EndpointArn": "arn:aws:sagemaker:us-east-1:111111111111:endpoint/churn-ab"])
        }
        aws.on("CreateEndpointConfig") { request in
            let body = ScriptedAWS.body(request)
            let name = body["EndpointConfigName"] as? String ?? ""
            let exists = endpoint.state.withLock { state in
                if state.created[name] != nil { return true }
                state.created[name] = try? JSONSerialization.data(withJSONObject: body["ProductionVariants"] ?? [])
                return false
            }
            if exists {
                return ScriptedAWS.json(
                    [
                        "__type": "ValidationException",
                        "message": "Cannot create already existing endpoint configuration \"\(name)\".",
                    ], status: 400)
            }
            return ScriptedAWS.json(["EndpointConfigArn": "arn:aws:sagemaker:us-east-1:111111111111:ec/\(name)"])
        }
        aws.on("UpdateEndpoint") { request in
            endpoint.update(request)
            return ScriptedAWS.json(["EndpointArn": "arn:aws:sagemaker:us-east-1:111111111111:endpoint/churn-ab"])
        }
        let config = try ConfigParser.parse(
            yaml: """
                environments:
                  - name: dev
                    region: us-east-1
                    execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec
                    endpoints:
                      - name: churn-ab
                        model_package_group: churn
                        variants:
                          - { name: champion, weight: 90, instance_type: ml.m5.large }
                          - { name: challenger, weight: 10, instance_type: ml.m5.large }
                """, file: "test.yaml")
        let auditPath = RecordedCallTests.auditPath()
        let session = try aws.session(config: config, auditPath: auditPath, now: { RecordedCallTests.now })
        return World(aws: aws, endpoint: endpoint, session: session, auditPath: auditPath)
    }

    static func planHalf(_ world: World) async throws -> TrafficPlan {
        let plan = try await world.session.planTrafficShift(
            environment: "dev", endpoint: "churn-ab", weights: [("champion", 50), ("challenger", 50)])
        #expect(plan.isAllowed, "\(plan.blockers)")
        await world.aws.transport.clear()
        return plan
    }

    /// Every attempt's answer is lost, the first one carried out: DescribeEndpoint shows the endpoint Updating to
    /// the plan's weights, so podium follows it until they are current; the success says how it was confirmed.
    @Test func aShiftWhoseAnswerWasLostButLandedIsFollowedToTheEnd() async throws {
        let world = try Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        let plan = try await Self.planHalf(world)
        let endpoint = world.endpoint
        world.aws.failing("UpdateEndpointWeightsAndCapacities") { request in
            if endpoint.state.withLock({ $0.desired == nil && $0.current["champion"] == 90 }) {
                endpoint.shift(request, updatingReads: 2)
            }
            return Self.timeout
        }
        let final = try await world.session.executeTraffic(plan)
        #expect(final.variants.map(\.currentWeight) == [50, 50])
        #expect(final.status == .inService)
        // AWSCore's three attempts, then nothing sent again by podium.
        #expect(await world.aws.requests("UpdateEndpointWeightsAndCapacities").count == 3)
        let records = world.records
        #expect(records.map(\.outcome) == [.started, .success])
        let note = records.last?.error ?? ""
        #expect(
            note.hasPrefix(
                "confirmed after UpdateEndpointWeightsAndCapacities churn-ab got no answer in 3 attempts (timed out"),
            "\(note)")
        #expect(
            note.hasSuffix("DescribeEndpoint shows churn-ab Updating with champion 90 → 50, challenger 10 → 50"),
            "\(note)")
    }

    /// Nothing shows the shift, at the first look or the second after one poll interval: the outcome is unknown,
    /// said with what was seen and audited so; nothing is sent a fourth time.
    @Test func aShiftWhoseAnswerWasLostAndThatDoesNotShowIsUnknown() async throws {
        let world = try Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        let plan = try await Self.planHalf(world)
        world.aws.failing("UpdateEndpointWeightsAndCapacities") { _ in Self.timeout }
        let error = await #expect(throws: PodiumError.self) { try await world.session.executeTraffic(plan) }
        #expect(error?.kind == .outcomeUnknown)
        let message = error?.message ?? ""
        #expect(
            message.hasPrefix(
                "outcome unknown: UpdateEndpointWeightsAndCapacities churn-ab got no answer in 3 attempts (timed out"),
            "\(message)")
        #expect(
            message.contains(
                "re-read: DescribeEndpoint shows churn-ab InService with champion 90, challenger 10, not champion 50, challenger 50"
            ), "\(message)")
        #expect(await world.aws.requests("UpdateEndpointWeightsAndCapacities").count == 3)
        // the moment-of-acting read, then the two looks
        #expect(await world.aws.operations().filter { $0 == "DescribeEndpoint" }.count == 3)
        #expect(world.records.map(\.outcome) == [.started, .unknown])
        #expect(
            world.records.last?.error?.hasPrefix("outcome unknown: UpdateEndpointWeightsAndCapacities churn-ab")
                == true)
    }

    /// The first attempt is carried out and its answer lost; the retry is answered "Cannot update in-progress
    /// endpoint" (the endpoint is Updating with podium's own shift). That answer is not trusted either way: the
    /// re-read decides. Here it shows the shift, so it is followed; below, where it does not, the outcome is unknown.
    @Test func aRetryAnsweredValidationExceptionIsDecidedByTheReRead() async throws {
        let world = try Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        let plan = try await Self.planHalf(world)
        let endpoint = world.endpoint
        let attempts = LockedValue(0)
        world.aws.failing("UpdateEndpointWeightsAndCapacities") { request in
            guard
                attempts.withLock({
                    $0 += 1; return $0
                }) == 1
            else { return nil }
            endpoint.shift(request, updatingReads: 3)
            return Self.timeout
        }
        world.aws.on("UpdateEndpointWeightsAndCapacities") { _ in
            ScriptedAWS.json(
                ["__type": "ValidationException", "message": "Cannot update in-progress endpoint"], status: 400)
        }
        let final = try await world.session.executeTraffic(plan)
        #expect(final.variants.map(\.currentWeight) == [50, 50])
        #expect(await world.aws.requests("UpdateEndpointWeightsAndCapacities").count == 2)
        #expect(world.records.map(\.outcome) == [.started, .success])
        #expect(
            world.records.last?.error?.hasPrefix(
                "confirmed after UpdateEndpointWeightsAndCapacities churn-ab got no answer, and its retry was answered ValidationException (Cannot update in-progress endpoint): DescribeEndpoint shows churn-ab Updating with champion 90 → 50"
            ) == true, "\(world.records.last?.error ?? "")")
    }

    /// The same answers, but the endpoint shows other weights (someone else's update): unknown, not "failed" and
    /// not followed as podium's.
    @Test func aRetryAnsweredValidationExceptionWithoutTheShiftShownIsUnknown() async throws {
        let world = try Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        let plan = try await Self.planHalf(world)
        let endpoint = world.endpoint
        let attempts = LockedValue(0)
        world.aws.failing("UpdateEndpointWeightsAndCapacities") { _ in
            guard
                attempts.withLock({
                    $0 += 1; return $0
                }) == 1
            else { return nil }
            endpoint.state.withLock {
                $0.desired = ["champion": 80, "challenger": 20]
                $0.updatingReads = 10
            }
            return Self.timeout
        }
        world.aws.on("UpdateEndpointWeightsAndCapacities") { _ in
            ScriptedAWS.json(
                ["__type": "ValidationException", "message": "Cannot update in-progress endpoint"], status: 400)
        }
        let error = await #expect(throws: PodiumError.self) { try await world.session.executeTraffic(plan) }
        #expect(
            error?.message.contains(
                "its retry was answered ValidationException (Cannot update in-progress endpoint); re-read: DescribeEndpoint shows churn-ab Updating with champion 90 → 80, challenger 10 → 20, not champion 50, challenger 50"
            ) == true, "\(error?.message ?? "")")
        #expect(world.records.map(\.outcome) == [.started, .unknown])
    }

    /// Retiring a variant: UpdateEndpoint carried out, every answer lost; the endpoint is on the plan's new config,
    /// so podium follows it (the variants read from the new config) and says how it was confirmed.
    @Test func aRetireWhoseUpdateEndpointAnswerWasLostButLandedIsFollowed() async throws {
        let world = try Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        let plan = try await world.session.planRetire(environment: "dev", endpoint: "churn-ab", variant: "champion")
        #expect(plan.isAllowed, "\(plan.blockers)")
        let config = try #require(plan.newEndpointConfig)
        await world.aws.transport.clear()
        let endpoint = world.endpoint
        world.aws.failing("UpdateEndpoint") { request in
            endpoint.update(request)
            return Self.timeout
        }
        let final = try await world.session.executeTraffic(plan)
        #expect(final.endpointConfigName == config)
        #expect(final.variants.map(\.name) == ["challenger"])
        #expect(await world.aws.requests("UpdateEndpoint").count == 3)
        #expect(await world.aws.requests("CreateEndpointConfig").count == 1)
        #expect(world.records.map(\.outcome) == [.started, .success])
        #expect(
            world.records.last?.error
                == "confirmed after UpdateEndpoint churn-ab got no answer in 3 attempts (timed out (no response from https://aws.test within 1 s)): DescribeEndpoint shows churn-ab InService on \(config)"
        )
    }

    /// A create of podium's deterministic names that got no answer is run again (not re-read): the config it made
    /// is answered "already existing" and reused, and the change goes on to UpdateEndpoint.
    @Test func aCreateEndpointConfigWhoseAnswerWasLostIsRunAgain() async throws {
        let world = try Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        let plan = try await world.session.planRetire(environment: "dev", endpoint: "churn-ab", variant: "champion")
        await world.aws.transport.clear()
        let answer = world.aws.answerOf("CreateEndpointConfig")
        let attempts = LockedValue(0)
        world.aws.failing("CreateEndpointConfig") { request in
            guard
                attempts.withLock({
                    $0 += 1; return $0
                }) <= 3
            else { return nil }
            _ = answer(request)  // carried out, answer lost
            return Self.timeout
        }
        let final = try await world.session.executeTraffic(plan)
        #expect(final.endpointConfigName == plan.newEndpointConfig)
        #expect(await world.aws.requests("CreateEndpointConfig").count == 4)
        #expect(await world.aws.requests("UpdateEndpoint").count == 1)
        #expect(world.records.map(\.outcome) == [.started, .success])
    }

    /// A create that gets no answer when run again either: the outcome is unknown (said and audited so), and the
    /// endpoint is not touched.
    @Test func aCreateEndpointConfigThatNeverAnswersEndsUnknownAfterOneMoreTry() async throws {
        let world = try Self.world()
        defer { try? FileManager.default.removeItem(atPath: world.auditPath) }
        let plan = try await world.session.planRetire(environment: "dev", endpoint: "churn-ab", variant: "champion")
        await world.aws.transport.clear()
        world.aws.failing("CreateEndpointConfig") { _ in Self.timeout }
        let error = await #expect(throws: PodiumError.self) { try await world.session.executeTraffic(plan) }
        #expect(
            error?.message.hasPrefix(
                "outcome unknown: CreateEndpointConfig \(plan.newEndpointConfig ?? "") got no answer in 3 attempts")
                == true, "\(error?.message ?? "")")
        #expect(await world.aws.requests("CreateEndpointConfig").count == 6)
        #expect(await world.aws.requests("UpdateEndpoint").isEmpty)
        #expect(world.records.map(\.outcome) == [.started, .unknown])
    }
}
