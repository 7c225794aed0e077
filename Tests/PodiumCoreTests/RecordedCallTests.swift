import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// The exact AWS calls of the domain logic, checked on the wire through AWSCore's `RecordingTransport`
/// (end-to-end behaviour against the emulator is in SessionEmulatorTests and the CLI tests).
@Suite struct RecordedCallTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z, on a minute boundary
    static let packageArn = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/4"
    static let oldPackageArn = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/3"

    static func config(deployment: String = "{ strategy: all_at_once }") throws -> PodiumConfig {
        try ConfigParser.parse(
            yaml: """
                metrics_window: 60m
                environments:
                  - name: dev
                    region: us-east-1
                    execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec
                    kms_key_id: alias/podium-dev
                    deployment: \(deployment)
                    thresholds:
                      error_5xx_percent: { warn: 1, critical: 5 }
                    endpoints:
                      - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large, alarms: [churn-dev-p99] }
                      - { name: fraud-dev, model_package_group: fraud, instance_type: ml.c5.xlarge, instance_count: 2 }
                      - { name: spare-dev, model_package_group: spare, instance_type: ml.m5.large, variant: Blue }
                """, file: "test.yaml")
    }

    static func auditPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).jsonl").path
    }

    /// Scripts a dev account where churn-dev runs `config` (churn v3 or the given package) and fraud-dev runs
    /// fraud v1; spare-dev does not exist.
    static func scriptDeployedWorld(_ aws: ScriptedAWS, churnConfig: @escaping @Sendable () -> String) {
        let t = now.timeIntervalSince1970
        aws.on("ListEndpoints") { _ in
            ScriptedAWS.json([
                "Endpoints": ["churn-dev", "fraud-dev"].map {
                    [
                        "EndpointName": $0, "EndpointArn": "arn:aws:sagemaker:us-east-1:111111111111:endpoint/\($0)",
                        "CreationTime": t - 86_400, "LastModifiedTime": t - 7_200, "EndpointStatus": "InService",
                    ]
                }
            ])
        }
        aws.on("DescribeEndpoint") { request in
            let name = ScriptedAWS.body(request)["EndpointName"] as? String ?? ""
            let config = name == "churn-dev" ? churnConfig() : "fraud-dev-v1"
            return ScriptedAWS.json([
                "EndpointName": name, "EndpointArn": "arn:aws:sagemaker:us-east-1:111111111111:endpoint/\(name)",
                "EndpointConfigName": config, "EndpointStatus": "InService", "CreationTime": t - 86_400,
                "LastModifiedTime": t - 7_200,
                "ProductionVariants": [["VariantName": "AllTraffic", "CurrentInstanceCount": 1]],
            ])
        }
        aws.on("DescribeEndpointConfig") { request in
            let name = ScriptedAWS.body(request)["EndpointConfigName"] as? String ?? ""
            return ScriptedAWS.json([
                "EndpointConfigName": name, "EndpointConfigArn": "arn:aws:sagemaker:us-east-1:111111111111:x/\(name)",
                "CreationTime": t - 7_300,
                "ProductionVariants": [
                    [
                        "VariantName": "AllTraffic", "ModelName": name, "InstanceType": "ml.m5.large",
                        "InitialInstanceCount": 1,
                    ]
                ],
            ])
        }
        aws.on("DescribeModel") { request in
            let name = ScriptedAWS.body(request)["ModelName"] as? String ?? ""
            let package =
                name.hasPrefix("fraud")
                ? "arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud/1"
                : name == "churn-dev-v3" ? oldPackageArn : packageArn
            return ScriptedAWS.json([
                "ModelName": name, "ModelArn": "arn:aws:sagemaker:us-east-1:111111111111:model/\(name)",
                "CreationTime": t - 7_300, "PrimaryContainer": ["ModelPackageName": package],
            ])
        }
    }

    // MARK: - Health

    @Test func healthRefreshIsOneGetMetricDataWithEveryQueryOneListEndpointsAndOneDescribeAlarms() async throws {
        let aws = ScriptedAWS()
        Self.scriptDeployedWorld(aws) { "churn-dev-v3" }
        let t = Self.now.timeIntervalSince1970
        // churn-dev: 100 invocations and 7 5xx per minute over the last 5 minutes; the others: no data.
        let minutes = (1...5).map { t - Double($0) * 60 }
        aws.on(
            "GetMetricData",
            json: [
                "MetricDataResults": [
                    [
                        "Id": "m0_inv", "Timestamps": minutes, "Values": minutes.map { _ in 100.0 },
                        "StatusCode": "Complete",
                    ],
                    [
                        "Id": "m0_e5", "Timestamps": minutes, "Values": minutes.map { _ in 7.0 },
                        "StatusCode": "Complete",
                    ],
                ]
            ])
        aws.on(
            "DescribeAlarms",
            json: ["MetricAlarms": [["AlarmName": "churn-dev-p99", "StateValue": "ALARM", "StateReason": "p99 high"]]])
        let session = try aws.session(config: try Self.config(), auditPath: Self.auditPath(), now: { Self.now })

        let health = try await session.health(environment: "dev")

        let operations = await aws.operations()
        let counts = Dictionary(operations.map { ($0, 1) }, uniquingKeysWith: +)
        #expect(counts["GetMetricData"] == 1)
        #expect(counts["ListEndpoints"] == 1)
        #expect(counts["DescribeAlarms"] == 1)
        // The first refresh follows endpoint → config → model once for each endpoint that exists.
        #expect(counts["DescribeEndpoint"] == 2)
        #expect(counts["DescribeEndpointConfig"] == 2)
        #expect(counts["DescribeModel"] == 2)
        #expect(operations.count == 9)

        let request = try #require(await aws.requests("GetMetricData").first)
        let body = ScriptedAWS.body(request)
        let queries = try #require(body["MetricDataQueries"] as? [[String: Any]])
        #expect(queries.count == 24)  // 3 endpoints × 8 metrics, in ONE call
        let ids = Set(queries.compactMap { $0["Id"] as? String })
        let expected = (0..<3).flatMap { i in
            ["inv", "e4", "e5", "lat", "p99", "ovh", "cpu", "mem"].map { "m\(i)_\($0)" }
        }
        #expect(ids == Set(expected))
        func query(_ id: String) -> [String: Any] {
            (queries.first { $0["Id"] as? String == id }?["MetricStat"] as? [String: Any]) ?? [:]
        }
        func metric(_ id: String) -> [String: Any] { query(id)["Metric"] as? [String: Any] ?? [:] }
        #expect(query("m0_p99")["Stat"] as? String == "p99")
        #expect(query("m0_lat")["Stat"] as? String == "Average")
        #expect(query("m1_inv")["Stat"] as? String == "Sum")
        #expect(queries.allSatisfy { ($0["MetricStat"] as? [String: Any])?["Period"] as? Int == 60 })
        #expect(metric("m0_e5")["MetricName"] as? String == "Invocation5XXErrors")
        #expect(metric("m0_e5")["Namespace"] as? String == "AWS/SageMaker")
        #expect(metric("m2_cpu")["Namespace"] as? String == "/aws/sagemaker/Endpoints")
        let dimensions = (metric("m2_mem")["Dimensions"] as? [[String: String]]) ?? []
        #expect(
            dimensions == [["Name": "EndpointName", "Value": "spare-dev"], ["Name": "VariantName", "Value": "Blue"]])
        // Per-minute series over the metrics window, on minute boundaries, including the current minute.
        let start = try #require(body["StartTime"] as? Double)
        let end = try #require(body["EndTime"] as? Double)
        #expect(start == t - 3_600)
        #expect(end == t + 60)

        let alarmRequest = try #require(await aws.requests("DescribeAlarms").first)
        #expect(ScriptedAWS.body(alarmRequest)["AlarmNames"] as? [String] == ["churn-dev-p99"])

        let churn = try #require(health.endpoints.first)
        #expect(churn.level == .critical)
        #expect(churn.reasons.contains("5xx 7.0% >= 5%"))
        #expect(churn.reasons.contains("alarm churn-dev-p99 ALARM"))
        #expect(churn.deployment.version == 3)
        #expect(health.endpoints[1].level == .unknown)
        #expect(health.endpoints[2].deployment.exists == false)

        // A second refresh of unchanged endpoints: the status pass, the metrics and the alarms, nothing else.
        await aws.transport.clear()
        _ = try await session.health(environment: "dev")
        #expect(await aws.operations().sorted() == ["DescribeAlarms", "GetMetricData", "ListEndpoints"])
    }

    @Test func moreThan62EndpointsSplitIntoCallsOf500Queries() {
        let specs = (0..<70).map {
            EndpointSpec(name: "ep-\($0)", modelPackageGroup: "g", variant: "AllTraffic", instanceType: "ml.m5.large")
        }
        let batches = MetricQueryPlan.batches(MetricQueryPlan.queries(for: specs))
        #expect(batches.map(\.count) == [500, 60])
        #expect(MetricQueryPlan.batches(MetricQueryPlan.queries(for: Array(specs.prefix(62)))).count == 1)
    }

    // MARK: - Promotion

    /// Scripts the registry (churn v4 Approved) and a dev account whose churn-dev moves to the new config once
    /// UpdateEndpoint was called; models and configs exist once created.
    static func scriptPromotion(_ aws: ScriptedAWS, state: PromotionState = PromotionState()) {
        scriptDeployedWorld(aws) { state.currentConfig }
        let t = now.timeIntervalSince1970
        aws.on("GetCallerIdentity") { _ in
            ScriptedAWS.callerIdentity(arn: "arn:aws:sts::111111111111:assumed-role/promoter/alice", account: "111")
        }
        aws.on(
            "DescribeModelPackageGroup",
            json: [
                "ModelPackageGroupName": "churn",
                "ModelPackageGroupArn": "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn",
                "CreationTime": t - 864_000, "ModelPackageGroupStatus": "Completed",
            ])
        aws.on(
            "DescribeModelPackage",
            json: [
                "ModelPackageName": "churn", "ModelPackageGroupName": "churn", "ModelPackageVersion": 4,
                "ModelPackageArn": packageArn, "CreationTime": t - 86_400, "ModelPackageStatus": "Completed",
                "ModelApprovalStatus": "Approved",
            ])
        let describeModel = aws.answerOf("DescribeModel")
        aws.on("DescribeModel") { request in
            let name = ScriptedAWS.body(request)["ModelName"] as? String ?? ""
            if name.hasPrefix("churn-dev-v4-") && !state.models.contains(name) {
                return ScriptedAWS.notFound("model \(name)")
            }
            return describeModel(request)
        }
        let describeConfig = aws.answerOf("DescribeEndpointConfig")
        aws.on("DescribeEndpointConfig") { request in
            let name = ScriptedAWS.body(request)["EndpointConfigName"] as? String ?? ""
            if name.hasPrefix("churn-dev-v4-") && !state.configs.contains(name) {
                return ScriptedAWS.notFound("endpoint configuration \(name)")
            }
            return describeConfig(request)
        }
        aws.on("CreateModel") { request in
            let name = ScriptedAWS.body(request)["ModelName"] as? String ?? ""
            state.createModel(name)
            return ScriptedAWS.json(["ModelArn": "arn:aws:sagemaker:us-east-1:111111111111:model/\(name)"])
        }
        aws.on("CreateEndpointConfig") { request in
            let name = ScriptedAWS.body(request)["EndpointConfigName"] as? String ?? ""
            state.createConfig(name)
            return ScriptedAWS.json(["EndpointConfigArn": "arn:aws:sagemaker:us-east-1:111111111111:ec/\(name)"])
        }
        aws.on("UpdateEndpoint") { request in
            state.currentConfig = ScriptedAWS.body(request)["EndpointConfigName"] as? String ?? ""
            return ScriptedAWS.json(["EndpointArn": "arn:aws:sagemaker:us-east-1:111111111111:endpoint/churn-dev"])
        }
        aws.on("AddTags", json: ["Tags": []])
        aws.on("ListEndpointConfigs", json: ["EndpointConfigs": []])
    }

    /// Each strategy's config and the `DeploymentConfig` it must send (computed: dictionaries are not Sendable).
    static var strategies: [(String, [String: Any])] {
        [
            (
                "{ strategy: all_at_once }",
                [
                    "BlueGreenUpdatePolicy": [
                        "TrafficRoutingConfiguration": ["Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 0]
                    ]
                ]
            ),
            (
                "{ strategy: canary, canary_percent: 10, wait: 10m, auto_rollback_alarms: [churn-dev-5xx, churn-dev-p99] }",
                [
                    "BlueGreenUpdatePolicy": [
                        "TrafficRoutingConfiguration": [
                            "Type": "CANARY", "WaitIntervalInSeconds": 600,
                            "CanarySize": ["Type": "CAPACITY_PERCENT", "Value": 10],
                        ]
                    ],
                    "AutoRollbackConfiguration": [
                        "Alarms": [["AlarmName": "churn-dev-5xx"], ["AlarmName": "churn-dev-p99"]]
                    ],
                ]
            ),
            (
                "{ strategy: linear, linear_percent: 25, wait: 5m, termination_wait: 2m, auto_rollback_alarms: [a1] }",
                [
                    "BlueGreenUpdatePolicy": [
                        "TrafficRoutingConfiguration": [
                            "Type": "LINEAR", "WaitIntervalInSeconds": 300,
                            "LinearStepSize": ["Type": "CAPACITY_PERCENT", "Value": 25],
                        ],
                        "TerminationWaitInSeconds": 120,
                    ],
                    "AutoRollbackConfiguration": ["Alarms": [["AlarmName": "a1"]]],
                ]
            ),
            (
                "{ strategy: rolling, batch_percent: 50, wait: 1m, rollback_batch_percent: 100, max_execution_timeout: 30m }",
                [
                    "RollingUpdatePolicy": [
                        "MaximumBatchSize": ["Type": "CAPACITY_PERCENT", "Value": 50], "WaitIntervalInSeconds": 60,
                        "MaximumExecutionTimeoutInSeconds": 1800,
                        "RollbackMaximumBatchSize": ["Type": "CAPACITY_PERCENT", "Value": 100],
                    ]
                ]
            ),
        ]
    }

    @Test(arguments: 0..<4)
    func promotionSendsTheStrategyInUpdateEndpoint(index: Int) async throws {
        let (deployment, expected) = Self.strategies[index]
        let aws = ScriptedAWS()
        Self.scriptPromotion(aws)
        let auditPath = Self.auditPath()
        defer { try? FileManager.default.removeItem(atPath: auditPath) }
        let session = try aws.session(
            config: try Self.config(deployment: deployment), auditPath: auditPath, now: { Self.now })

        let plan = try await session.planPromotion(group: "churn", version: 4, to: "dev")
        #expect(plan.isAllowed, "\(plan.blockers)")
        #expect(plan.currentVersion == 3)
        await aws.transport.clear()
        let outcome = try await session.execute(plan)
        #expect(outcome.status == .inService)

        let writes = await aws.operations().filter {
            $0.hasPrefix("Create") || $0.hasPrefix("Update") || $0 == "AddTags"
        }
        #expect(writes == ["CreateModel", "CreateEndpointConfig", "UpdateEndpoint", "AddTags"])

        let update = ScriptedAWS.body(try #require(await aws.requests("UpdateEndpoint").first))
        #expect(update["EndpointName"] as? String == "churn-dev")
        #expect(update["EndpointConfigName"] as? String == plan.newEndpointConfig)
        let sent = try #require(update["DeploymentConfig"] as? [String: Any])
        #expect(NSDictionary(dictionary: sent).isEqual(to: expected), "sent \(sent)")
        #expect(update["RetainAllVariantProperties"] == nil)

        let model = ScriptedAWS.body(try #require(await aws.requests("CreateModel").first))
        #expect(model["ModelName"] as? String == plan.modelName)
        #expect((model["PrimaryContainer"] as? [String: Any])?["ModelPackageName"] as? String == Self.packageArn)
        #expect(model["ExecutionRoleArn"] as? String == "arn:aws:iam::111111111111:role/sagemaker-exec")
        let tags = Dictionary(
            ((model["Tags"] as? [[String: String]]) ?? []).map { ($0["Key"] ?? "", $0["Value"] ?? "") },
            uniquingKeysWith: { a, _ in a })
        #expect(tags["podium:model-package-arn"] == Self.packageArn)
        #expect(tags["podium:version"] == "4")
        #expect(tags["podium:previous-endpoint-config"] == "churn-dev-v3")
        #expect(tags["podium:promoted-by"] == "arn:aws:sts::111111111111:assumed-role/promoter/alice")

        let config = ScriptedAWS.body(try #require(await aws.requests("CreateEndpointConfig").first))
        #expect(config["KmsKeyId"] as? String == "alias/podium-dev")
        let variant = try #require((config["ProductionVariants"] as? [[String: Any]])?.first)
        #expect(variant["VariantName"] as? String == "AllTraffic")
        #expect(variant["ModelName"] as? String == plan.modelName)
        #expect(variant["InstanceType"] as? String == "ml.m5.large")
        #expect(variant["InitialInstanceCount"] as? Int == 1)

        let records = try AuditLog(path: auditPath).read().records
        #expect(records.map(\.outcome) == [.started, .success])  // audit first: started before the first write
    }

    @Test func aReRunReusesTheModelAndConfigAndOnlyUpdatesTheEndpoint() async throws {
        let aws = ScriptedAWS()
        Self.scriptPromotion(aws)
        let session = try aws.session(config: try Self.config(), auditPath: Self.auditPath(), now: { Self.now })
        let plan = try await session.planPromotion(group: "churn", version: 4, to: "dev")
        // As if a first run was killed after CreateEndpointConfig: both exist, the endpoint still runs v3.
        let createModel = aws.answerOf("CreateModel")
        let createConfig = aws.answerOf("CreateEndpointConfig")
        _ = createModel(
            HTTPRequest(
                method: "POST", url: URL(string: "https://aws.test")!,
                body: Array(#"{"ModelName":"\#(plan.modelName!)"}"#.utf8)))
        _ = createConfig(
            HTTPRequest(
                method: "POST", url: URL(string: "https://aws.test")!,
                body: Array(#"{"EndpointConfigName":"\#(plan.newEndpointConfig)"}"#.utf8)))
        await aws.transport.clear()
        _ = try await session.execute(plan)
        let writes = await aws.operations().filter { $0.hasPrefix("Create") || $0.hasPrefix("Update") }
        #expect(writes == ["UpdateEndpoint"])
    }
}

/// What the scripted dev account has created, and which config churn-dev runs.
final class PromotionState: @unchecked Sendable {
    private let lock = NSLock()
    private var _models: Set<String> = []
    private var _configs: Set<String> = []
    private var _currentConfig = "churn-dev-v3"

    var models: Set<String> { lock.withLock { _models } }
    var configs: Set<String> { lock.withLock { _configs } }

    func createModel(_ name: String) { _ = lock.withLock { _models.insert(name) } }
    func createConfig(_ name: String) { _ = lock.withLock { _configs.insert(name) } }

    var currentConfig: String {
        get { lock.withLock { _currentConfig } }
        set { lock.withLock { _currentConfig = newValue } }
    }
}
