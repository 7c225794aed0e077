import AWSCore
import Foundation
import PodiumTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// AWSCore against the project's emulator (moto + extensions) over real HTTP with real SigV4.
@Suite(.serialized) struct AWSEmulatorTests {
    static let allowAll = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
    static let readOnlyPolicy = #"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*",
          "Action":["sagemaker:List*","sagemaker:Describe*","cloudwatch:GetMetricData"]}]}
        """#

    /// Starts an emulator, runs `body`, and always stops the emulator.
    func withEmulator(_ body: (EmulatorProcess) async throws -> Void) async throws {
        let emu = try await EmulatorProcess.start(environment: [:])
        do {
            try await body(emu)
        } catch {
            await emu.stop()
            throw error
        }
        await emu.stop()
    }

    func client(
        _ emu: EmulatorProcess, _ key: String, _ secret: String, readOnly: Bool = false,
        sleeper: any AWSSleeper = RecordingSleeper(), random: AWSRandom = .constant(0.5), sessionToken: String? = nil
    ) -> AWSClient {
        AWSClient(
            region: "us-east-1",
            credentialProvider: AWSClient.FixedCredentials(
                AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: sessionToken)),
            endpoints: .url(emu.endpoint), transport: AsyncHTTPTransport.shared, readOnly: readOnly, sleeper: sleeper,
            random: random)
    }

    /// Creates a model package group with one version, and an S3 object, through boto3 (before IAM is on).
    func seed(_ emu: EmulatorProcess) async throws {
        let script = """
            import boto3, sys
            url = sys.argv[1]
            kw = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="seed", aws_secret_access_key="seed")
            sm = boto3.client("sagemaker", **kw)
            sm.create_model_package_group(ModelPackageGroupName="churn", ModelPackageGroupDescription="churn model")
            sm.create_model_package(ModelPackageGroupName="churn", ModelPackageDescription="v1",
                ModelApprovalStatus="PendingManualApproval",
                InferenceSpecification={"Containers": [{"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
                    "ModelDataUrl": "s3://models/churn/1/model.tar.gz"}],
                    "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]},
                CustomerMetadataProperties={"auc": "0.91"})
            s3 = boto3.client("s3", **kw)
            s3.create_bucket(Bucket="reports")
            s3.put_object(Bucket="reports", Key="churn/1/evaluation.json", Body=b'{"auc": 0.91}')
            """
        // Awaited, not `waitUntilExit()`: a blocked cooperative thread (one of two on CI's 2 cores) stalls every
        // other test's tasks while python imports boto3.
        let result = try await ProcessRunner.run(
            pythonPath.path, ["-c", script, emu.endpoint.absoluteString],
            environment: ProcessInfo.processInfo.environment)
        #expect(result.code == 0, "seeding failed: \(result.stderr)")
    }

    @Test func everyOperationIsAcceptedWithIAMEnforcement() async throws {
        try await withEmulator { emu in
            try await seed(emu)
            try await emu.clearRequests()
            let webRoleArn = try await emu.createIAMRole(
                name: "gha", account: "123456789012", policyJSON: Self.allowAll)
            try await emu.enableIAM()
            let admin = try await emu.createIAMUser(name: "admin", policyJSON: Self.allowAll)
            let aws = client(emu, admin.accessKeyId, admin.secretAccessKey)

            // AssumeRoleWithWebIdentity goes out unsigned (the token is the proof) and is accepted with
            // enforcement on; the session it returns is then verified like any other signed caller.
            let web = STSClient(region: "us-east-1", credentials: nil, endpoint: emu.endpoint)
            let webOut = try await web.assumeRoleWithWebIdentity(
                .init(roleArn: webRoleArn, roleSessionName: "gha", webIdentityToken: "eyJhbGciOiJSUzI1NiJ9.e30.sig"))
            let webCredentials = try #require(webOut.credentials)
            let asWeb = client(
                emu, webCredentials.accessKeyId, webCredentials.secretAccessKey,
                sessionToken: webCredentials.sessionToken)
            #expect(try await asWeb.sts.getCallerIdentity().arn?.contains("assumed-role/gha/gha") == true)

            let me = try await aws.sts.getCallerIdentity()
            #expect(me.arn == admin.arn)
            #expect(me.account == "123456789012")

            let sm = aws.sageMaker
            let groups = try await sm.listModelPackageGroups()
            #expect(groups.modelPackageGroupSummaryList.map(\.modelPackageGroupName) == ["churn"])
            let group = try await sm.describeModelPackageGroup(.init(modelPackageGroupName: "churn"))
            #expect(group.modelPackageGroupDescription == "churn model")
            let packages = try await sm.listModelPackages(.init(modelPackageGroupName: "churn"))
            let arn = try #require(packages.modelPackageSummaryList.first?.modelPackageArn)
            let package = try await sm.describeModelPackage(.init(modelPackageName: arn))
            #expect(package.modelApprovalStatus == "PendingManualApproval")
            #expect(package.customerMetadataProperties?["auc"] == "0.91")
            #expect(package.inferenceSpecification?.containers.first?.image?.hasSuffix("churn:1") == true)
            _ = try await sm.updateModelPackage(
                .init(modelPackageArn: arn, modelApprovalStatus: "Approved", approvalDescription: "looks good"))
            let approved = try await sm.describeModelPackage(.init(modelPackageName: arn))
            #expect(approved.modelApprovalStatus == "Approved")

            _ = try await sm.createModel(
                .init(
                    modelName: "churn-1", primaryContainer: ContainerDefinition(modelPackageName: arn),
                    executionRoleArn: "arn:aws:iam::123456789012:role/sagemaker"))
            let model = try await sm.describeModel(.init(modelName: "churn-1"))
            #expect(model.modelName == "churn-1")
            let variant = ProductionVariant(
                variantName: "AllTraffic", modelName: "churn-1", initialInstanceCount: 1, instanceType: "ml.m5.large",
                initialVariantWeight: 1)
            _ = try await sm.createEndpointConfig(
                .init(
                    endpointConfigName: "churn-cfg-1", productionVariants: [variant],
                    tags: [Tag(key: "app", value: "churn")]))
            let config = try await sm.describeEndpointConfig(.init(endpointConfigName: "churn-cfg-1"))
            #expect(config.productionVariants.first?.modelName == "churn-1")
            let configs = try await sm.listEndpointConfigs()
            #expect(configs.endpointConfigs.map(\.endpointConfigName).contains("churn-cfg-1"))
            let created = try await sm.createEndpoint(.init(endpointName: "churn", endpointConfigName: "churn-cfg-1"))
            var endpoint = try await sm.describeEndpoint(.init(endpointName: "churn"))
            #expect(endpoint.endpointArn == created.endpointArn)
            _ = try await sm.createEndpointConfig(
                .init(endpointConfigName: "churn-cfg-2", productionVariants: [variant]))
            let deployment = DeploymentConfig(
                blueGreenUpdatePolicy: BlueGreenUpdatePolicy(
                    trafficRoutingConfiguration: TrafficRoutingConfig(
                        type: "CANARY", waitIntervalInSeconds: 60,
                        canarySize: CapacitySize(type: "CAPACITY_PERCENT", value: 10))))
            _ = try await sm.updateEndpoint(
                .init(endpointName: "churn", endpointConfigName: "churn-cfg-2", deploymentConfig: deployment))
            endpoint = try await sm.describeEndpoint(.init(endpointName: "churn"))
            #expect(endpoint.endpointName == "churn")
            let endpoints = try await sm.listEndpoints()
            #expect(endpoints.endpoints.map(\.endpointName) == ["churn"])
            _ = try await sm.addTags(.init(resourceArn: created.endpointArn, tags: [Tag(key: "stage", value: "dev")]))
            let tags = try await sm.listTags(.init(resourceArn: created.endpointArn))
            #expect(tags.tags?.contains(Tag(key: "stage", value: "dev")) == true)

            let cw = aws.cloudWatch
            let data = try await cw.getMetricData(
                .init(
                    metricDataQueries: [
                        MetricDataQuery(
                            id: "invocations",
                            metricStat: MetricStat(
                                metric: Metric(
                                    namespace: "AWS/SageMaker", metricName: "Invocations",
                                    dimensions: [Dimension(name: "EndpointName", value: "churn")]), period: 60,
                                stat: "Sum"))
                    ], startTime: Date().addingTimeInterval(-3600), endTime: Date()))
            #expect(data.metricDataResults?.first?.id == "invocations")
            _ = try await cw.describeAlarms()

            let object = try await aws.s3.getObject(.init(bucket: "reports", key: "churn/1/evaluation.json"))
            #expect(String(decoding: object.body, as: UTF8.self) == #"{"auc": 0.91}"#)

            let roleArn = try await emu.createIAMRole(
                name: "podium", account: "222222222222", policyJSON: Self.allowAll)
            let assumed = try await aws.sts.assumeRole(.init(roleArn: roleArn, roleSessionName: "podium-test"))
            let temporary = try #require(assumed.credentials)
            let inOther = client(
                emu, temporary.accessKeyId, temporary.secretAccessKey, sessionToken: temporary.sessionToken)
            #expect(try await inOther.sts.getCallerIdentity().account == "222222222222")
            let log = try await emu.requests()
            let expected: Set<String> = [
                "GetCallerIdentity", "ListModelPackageGroups", "DescribeModelPackageGroup", "ListModelPackages",
                "DescribeModelPackage", "UpdateModelPackage", "CreateModel", "DescribeModel", "CreateEndpointConfig",
                "DescribeEndpointConfig", "ListEndpointConfigs", "CreateEndpoint", "UpdateEndpoint", "DescribeEndpoint",
                "ListEndpoints", "AddTags", "ListTags", "GetMetricData", "DescribeAlarms", "GetObject", "AssumeRole",
                "AssumeRoleWithWebIdentity",
            ]
            #expect(Set(log.map(\.operation)).isSuperset(of: expected))
            let failed = log.filter { $0.status != 200 }
            #expect(failed.isEmpty, "non-200 requests: \(failed)")
        }
    }

    @Test func wrongSecretGivesSignatureDoesNotMatch() async throws {
        try await withEmulator { emu in
            try await emu.enableIAM()
            let admin = try await emu.createIAMUser(name: "admin", policyJSON: Self.allowAll)
            let aws = client(emu, admin.accessKeyId, admin.secretAccessKey + "x")
            do {
                _ = try await aws.sageMaker.listEndpoints()
                Issue.record("a wrong secret was accepted")
            } catch let error as AWSServiceError {
                #expect(error.code == "SignatureDoesNotMatch")
                #expect(error.isCredentialError)
                #expect(!error.isRetryable)
                #expect(error.description.contains("secret access key does not match"))
            }
            do {
                _ = try await aws.sts.getCallerIdentity()
                Issue.record("a wrong secret was accepted by STS")
            } catch let error as AWSServiceError {
                #expect(error.code == "SignatureDoesNotMatch")
            }
        }
    }

    @Test func listDescribeOnlyUserIsDeniedUpdateModelPackage() async throws {
        try await withEmulator { emu in
            try await seed(emu)
            try await emu.enableIAM()
            let reader = try await emu.createIAMUser(name: "reader", policyJSON: Self.readOnlyPolicy)
            let aws = client(emu, reader.accessKeyId, reader.secretAccessKey)
            let packages = try await aws.sageMaker.listModelPackages(.init(modelPackageGroupName: "churn"))
            let arn = try #require(packages.modelPackageSummaryList.first?.modelPackageArn)
            _ = try await aws.sageMaker.describeModelPackage(.init(modelPackageName: arn))
            do {
                _ = try await aws.sageMaker.updateModelPackage(
                    .init(modelPackageArn: arn, modelApprovalStatus: "Approved"))
                Issue.record("UpdateModelPackage was allowed")
            } catch let error as AWSServiceError {
                #expect(error.code == "AccessDenied")
                #expect(error.isAccessDenied)
                #expect(error.httpStatus == 403)
                #expect(error.operation == "UpdateModelPackage")
                #expect(!error.isRetryable)
            }
        }
    }

    @Test func twoInjectedThrottlesAreRetriedToSuccess() async throws {
        try await withEmulator { emu in
            try await emu.injectFault(operation: "ListEndpoints", kind: .throttle, count: 2)
            let sleeper = RecordingSleeper()
            let aws = client(emu, "AKIDEXAMPLE", "secret", sleeper: sleeper, random: .constant(0.5))
            let out = try await aws.sageMaker.listEndpoints()
            #expect(out.endpoints.isEmpty)
            let statuses = try await emu.requests().filter { $0.operation == "ListEndpoints" }.map(\.status)
            #expect(statuses == [400, 400, 200])
            #expect(await sleeper.delays == [.milliseconds(500), .seconds(1)])
        }
    }

    @Test func persistentThrottleFailsAfterThreeAttemptsWithTheRecordedBackoff() async throws {
        try await withEmulator { emu in
            try await emu.injectFault(operation: "*", kind: .throttle, count: nil)
            let sleeper = RecordingSleeper()
            let draws = Draws([0.3, 0.9, 0.2, 0.4])
            let aws = client(emu, "AKIDEXAMPLE", "secret", sleeper: sleeper, random: AWSRandom { draws.next() })
            do {
                _ = try await aws.sageMaker.describeEndpoint(.init(endpointName: "churn"))
                Issue.record("expected throttling")
            } catch let error as AWSServiceError {
                #expect(error.code == "ThrottlingException")
                #expect(error.isThrottling)
                #expect(error.httpStatus == 400)
            }
            // rand × min(2^(attempt−1), 20 s): 0.3 × 1 s, then 0.9 × 2 s.
            #expect(await sleeper.delays == [.milliseconds(300), .milliseconds(1800)])
            #expect(try await emu.requests().filter { $0.operation == "DescribeEndpoint" }.count == 3)
            // CloudWatch (query-compatible JSON) reports its query-era code through x-amzn-query-error.
            do {
                _ = try await aws.cloudWatch.describeAlarms()
                Issue.record("expected throttling")
            } catch let error as AWSServiceError {
                #expect(error.code == "Throttling")
                #expect(error.isThrottling)
            }
            #expect(
                await sleeper.delays == [
                    .milliseconds(300), .milliseconds(1800), .milliseconds(200), .milliseconds(800),
                ])
        }
    }

    @Test func connectionResetAndGarbageBodyAreTypedErrors() async throws {
        try await withEmulator { emu in
            let sleeper = RecordingSleeper()
            let aws = client(emu, "AKIDEXAMPLE", "secret", sleeper: sleeper)
            try await emu.injectFault(operation: "DescribeEndpoint", kind: .reset, count: nil)
            do {
                _ = try await aws.sageMaker.describeEndpoint(.init(endpointName: "x"))
                Issue.record("expected a transport error")
            } catch let error as AWSClientError {
                guard case .transport(_, "DescribeEndpoint", .connectionReset, 3) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
            }
            try await emu.clearFaults()
            try await emu.injectFault(operation: "ListEndpoints", kind: .garbage, count: nil)
            do {
                _ = try await aws.sageMaker.listEndpoints()
                Issue.record("expected a decoding error")
            } catch let error as AWSClientError {
                guard case .undecodableResponse(_, "ListEndpoints", 200, _) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
            }
            try await emu.injectFault(operation: "GetCallerIdentity", kind: .garbage, count: nil)
            await #expect(throws: AWSClientError.self) { _ = try await aws.sts.getCallerIdentity() }
            try await emu.clearFaults()
            try await emu.injectFault(operation: "DescribeAlarms", kind: .truncate, count: 1)
            _ = try await aws.cloudWatch.describeAlarms()  // one truncated body, retried to success
            try await emu.injectFault(operation: "ListEndpoints", kind: .http503, count: 2)
            _ = try await aws.sageMaker.listEndpoints()  // 503s are transient
            #expect(
                try await emu.requests().filter { $0.operation == "ListEndpoints" }.suffix(3).map(\.status) == [
                    503, 503, 200,
                ])
        }
    }

    @Test func connectionRefusedIsATypedError() async throws {
        // A port that was just free: nothing listens there.
        let emu = try await EmulatorProcess.start(environment: [:])
        let url = emu.endpoint
        await emu.stop()
        let aws = AWSClient(
            region: "us-east-1",
            credentialProvider: AWSClient.FixedCredentials(AWSCredentials(accessKeyId: "a", secretAccessKey: "b")),
            endpoints: .url(url), readOnly: true, sleeper: RecordingSleeper())
        do {
            _ = try await aws.sageMaker.listEndpoints()
            Issue.record("expected a transport error")
        } catch let error as AWSClientError {
            guard case .transport(_, _, .connectFailed, 3) = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }
}

/// A fixed sequence of random draws (then 0.5).
final class Draws: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double]

    init(_ values: [Double]) { self.values = values }

    func next() -> Double {
        lock.lock()
        defer { lock.unlock() }
        return values.isEmpty ? 0.5 : values.removeFirst()
    }
}

/// Cancellation and timeouts against the emulator's `delay` fault.
@Suite struct AWSEmulatorTimingTests {
    /// Faults still pending in the emulator (`GET /_podium/faults`).
    func pendingFaults(_ emu: EmulatorProcess) async throws -> Int {
        let (data, _) = try await URLSession.shared.data(from: emu.endpoint.appendingPathComponent("_podium/faults"))
        let object = try JSONSerialization.jsonObject(with: data)
        if let list = object as? [Any] { return list.count }
        if let dict = object as? [String: Any], let list = dict["faults"] as? [Any] { return list.count }
        return -1
    }

    @Test func cancellingTheTaskAbortsAnInFlightRequest() async throws {
        let emu = try await EmulatorProcess.start(environment: [:])
        do {
            try await emu.injectFault(operation: "ListEndpoints", kind: .delay, count: 1, delayMs: 20_000)
            let aws = AWSClient(
                region: "us-east-1",
                credentialProvider: AWSClient.FixedCredentials(AWSCredentials(accessKeyId: "a", secretAccessKey: "b")),
                endpoints: .url(emu.endpoint), readOnly: true, sleeper: RecordingSleeper())
            let task = Task { try await aws.sageMaker.listEndpoints() }
            // The fault is taken when the request arrives; poll for that with a deadline (no fixed sleep).
            let deadline = ContinuousClock.now + .seconds(15)
            while try await pendingFaults(emu) > 0, ContinuousClock.now < deadline { await Task.yield() }
            #expect(try await pendingFaults(emu) == 0)
            let started = ContinuousClock.now
            task.cancel()
            let result = await task.result
            #expect(throws: AWSClientError.cancelled(service: "SageMaker", operation: "ListEndpoints")) {
                try result.get()
            }
            // Not a timing assertion: without cancellation the call would have waited for the 20 s delay.
            #expect(ContinuousClock.now - started < .seconds(15))
        } catch {
            await emu.stop()
            throw error
        }
        await emu.stop()
    }

    @Test func readTimeoutIsRetriedThenTyped() async throws {
        let emu = try await EmulatorProcess.start(environment: [:])
        do {
            // 30 s against a 300 ms read timeout: the answer cannot arrive before the timeout fires even when the test
            // process is starved of CPU (a 3 s delay once answered first under a paused process).
            try await emu.injectFault(operation: "ListEndpoints", kind: .delay, count: 6, delayMs: 30_000)
            let sleeper = RecordingSleeper()
            let aws = AWSClient(
                region: "us-east-1",
                credentialProvider: AWSClient.FixedCredentials(AWSCredentials(accessKeyId: "a", secretAccessKey: "b")),
                endpoints: .url(emu.endpoint), readOnly: true,
                timeouts: TransportTimeouts(connect: .seconds(5), read: .milliseconds(300)), sleeper: sleeper)
            do {
                _ = try await aws.sageMaker.listEndpoints()
                Issue.record("expected a timeout")
            } catch let error as AWSClientError {
                guard case .transport(_, "ListEndpoints", .timedOut, 3) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
            }
            #expect(await sleeper.delays.count == 2)
        } catch {
            await emu.stop()
            throw error
        }
        await emu.stop()
    }
}
