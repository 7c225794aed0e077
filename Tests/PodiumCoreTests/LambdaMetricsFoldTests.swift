import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// The trigger Lambdas' AWS/Lambda metrics ride in their environment's one health GetMetricData call (issue 13),
/// counted on the wire: dev (us-east-1, 111111111111) and prod (eu-west-1, 333333333333) each have rules targeting
/// their own Lambdas; dev's rule also targets a Lambda in another account, and the registry (us-west-2) has its own
/// trigger Lambda in no environment's account and region. Those two keep their own calls.
@Suite struct LambdaMetricsFoldTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let pattern =
        #"{"source":["aws.sagemaker"],"detail-type":["SageMaker Model Package State Change"],"detail":{"ModelApprovalStatus":["Approved"]}}"#
    /// Lambda targets by region (the region of the request's credential scope says which client asked).
    static let targets: [String: [String]] = [
        "us-east-1": [
            "arn:aws:lambda:us-east-1:111111111111:function:deploy-trigger-dev",
            "arn:aws:lambda:us-east-1:111111111111:function:audit-dev",
            "arn:aws:lambda:us-east-1:999999999999:function:elsewhere",
        ],
        "eu-west-1": ["arn:aws:lambda:eu-west-1:333333333333:function:deploy-trigger-prod"],
        "us-west-2": ["arn:aws:lambda:us-west-2:123456789012:function:podium-deploy-trigger"],
    ]
    /// What each function's Invocations read (so a panel showing another function's numbers is caught).
    static let invocations: [String: Double] = [
        "deploy-trigger-dev": 11, "audit-dev": 22, "elsewhere": 33, "deploy-trigger-prod": 44,
        "podium-deploy-trigger": 55,
    ]

    static func config() throws -> PodiumConfig {
        try ConfigParser.parse(
            yaml: """
                metrics_window: 60m
                registry: { region: us-west-2 }
                environments:
                  - name: dev
                    region: us-east-1
                    execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec
                    endpoints:
                      - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large }
                  - name: prod
                    region: eu-west-1
                    execution_role_arn: arn:aws:iam::333333333333:role/sagemaker-exec
                    endpoints:
                      - { name: churn-prod, model_package_group: churn, instance_type: ml.m5.large }
                """, file: "test.yaml")
    }

    static func region(of request: HTTPRequest) -> String {
        let scope = request.header("Authorization")?.split(separator: "/") ?? []
        return scope.count > 2 ? String(scope[2]) : ""
    }

    static func world() -> ScriptedAWS {
        let aws = ScriptedAWS()
        aws.on("ListEndpoints", json: ["Endpoints": [Any]()])
        aws.on("FilterLogEvents", json: ["events": [Any]()])
        aws.on("ListRules") { request in
            ScriptedAWS.json([
                "Rules": [
                    ["Name": "deploy-on-approval-\(region(of: request))", "EventPattern": pattern, "State": "ENABLED"]
                ]
            ])
        }
        aws.on("ListTargetsByRule") { request in
            let arns = targets[region(of: request)] ?? []
            return ScriptedAWS.json(["Targets": arns.enumerated().map { ["Id": "t\($0.offset)", "Arn": $0.element] }])
        }
        let t = now.timeIntervalSince1970
        aws.on("GetMetricData") { request in
            let queries = ScriptedAWS.body(request)["MetricDataQueries"] as? [[String: Any]] ?? []
            let results: [[String: Any]] = queries.map { query in
                let stat = query["MetricStat"] as? [String: Any]
                let metric = stat?["Metric"] as? [String: Any]
                let dimensions = metric?["Dimensions"] as? [[String: String]] ?? []
                let function = dimensions.first { $0["Name"] == "FunctionName" }?["Value"]
                let value: Double
                if let function, metric?["Namespace"] as? String == "AWS/Lambda" {
                    value = metric?["MetricName"] as? String == "Errors" ? 1 : invocations[function] ?? -1
                } else {
                    value = 5
                }
                return [
                    "Id": query["Id"] as? String ?? "", "Timestamps": [t - 600, t - 300], "Values": [value, value],
                    "StatusCode": "Complete",
                ]
            }
            return ScriptedAWS.json(["MetricDataResults": results])
        }
        return aws
    }

    /// One console refresh of the pipeline screen: every environment's health, then the ledger's machinery.
    static func refresh(_ session: PodiumSession) async -> PipelineMachinery {
        _ = await session.healthOfAll()
        return await session.machinery(ledger: Ledger(time: now, rows: []))
    }

    static func lambdas(_ machinery: PipelineMachinery) -> [String: LambdaPanel] {
        let panels = machinery.registry.lambdas + machinery.environments.flatMap(\.trigger.lambdas)
        return Dictionary(panels.map { ($0.function, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func lambdaQueriesRideInTheEnvironmentsHealthCall() async throws {
        let aws = Self.world()
        let session = try aws.session(
            config: try Self.config(), auditPath: RecordedCallTests.auditPath(), now: { Self.now })

        let first = await Self.refresh(session)
        let firstCalls = await aws.requests("GetMetricData").count
        await aws.transport.clear()
        let second = await Self.refresh(session)
        let calls = await aws.requests("GetMetricData")
        print("GetMetricData per refresh: first \(firstCalls), then \(calls.count)")

        // First refresh: 2 health calls, then the machinery's own calls for the Lambdas it has just found, one per
        // client (dev's three, prod's one, the registry's one) instead of one per Lambda.
        #expect(firstCalls == 2 + 3)
        // Later: the 2 health calls carry dev's and prod's own Lambdas; the Lambda in another account and the
        // registry's (us-west-2, no environment there) keep their own calls.
        #expect(calls.count == 2 + 2)
        for machinery in [first, second] {
            let panels = Self.lambdas(machinery)
            #expect(panels.count == 5)
            for (function, value) in Self.invocations {
                #expect(panels[function]?.invocations == [value, value], "\(function) shows its own numbers")
                #expect(panels[function]?.errors == [1, 1])
                #expect(panels[function]?.problems == [])
            }
        }

        let bodies = calls.map(ScriptedAWS.body)
        let health = bodies.filter {
            ($0["MetricDataQueries"] as? [[String: Any]] ?? []).contains { ($0["Id"] as? String) == "m0_inv" }
        }
        #expect(health.count == 2)
        var functionsInHealth: [String] = []
        for body in health {
            let queries = body["MetricDataQueries"] as? [[String: Any]] ?? []
            let ids = queries.compactMap { $0["Id"] as? String }
            #expect(Set(ids).count == ids.count, "query ids are unique within a call")
            for query in queries {
                let metric = (query["MetricStat"] as? [String: Any])?["Metric"] as? [String: Any]
                guard metric?["Namespace"] as? String == "AWS/Lambda" else { continue }
                let dimensions = metric?["Dimensions"] as? [[String: String]] ?? []
                functionsInHealth += dimensions.compactMap { $0["Value"] }
            }
        }
        #expect(
            Set(functionsInHealth) == ["deploy-trigger-dev", "audit-dev", "deploy-trigger-prod"],
            "only Lambdas in the environment's own account and region are folded")
    }

    @Test func metricsNoHealthRefreshCarriedRecentlyAreFetchedAgain() async throws {
        let aws = Self.world()
        let clock = LockedValue(Self.now)
        let session = try aws.session(
            config: try Self.config(), auditPath: RecordedCallTests.auditPath(), now: { clock.withLock { $0 } })
        _ = await Self.refresh(session)
        // Health stops (say its calls fail); within two health intervals (at least a minute) the posted numbers
        // still serve, after that the machinery reads them itself again, one call per client.
        for (advance, expected) in [(30.0, 2), (120.0, 3)] {
            clock.withLock { $0 = $0.addingTimeInterval(advance) }
            await aws.transport.clear()
            let machinery = await session.machinery(ledger: Ledger(time: Self.now, rows: []))
            #expect(await aws.requests("GetMetricData").count == expected, "after \(advance) s")
            #expect(Self.lambdas(machinery)["audit-dev"]?.invocations == [22, 22])
        }
    }

    @Test func foldedQueriesKeepTheFiveHundredBoundAndRouteResultsBack() {
        let functions = (0..<260).map { "fn-\($0)" }
        let queries = LambdaMetricQueries.queries(for: functions)
        #expect(queries.count == 520)
        let endpointQueries = MetricQueryPlan.queries(
            for: [EndpointSpec(name: "e", modelPackageGroup: "g", instanceType: "ml.m5.large")])
        let batches = MetricQueryPlan.batches(endpointQueries + queries)
        #expect(batches.map(\.count) == [500, 28])
        let ids = (endpointQueries + queries).map(\.id)
        #expect(Set(ids).count == ids.count)
        let t = Self.now
        let results = queries.enumerated().map { index, query in
            MetricDataResult(id: query.id, timestamps: [t], values: [Double(index)], statusCode: "Complete")
        }
        let series = LambdaMetricQueries.series(from: results.reversed(), functions: functions, since: .distantPast)
        #expect(series["fn-259"]?.invocations == [518])
        #expect(series["fn-259"]?.errors == [519])
        #expect(series["fn-0"]?.invocations == [0])
    }
}
