import AWSCore
import Foundation
import PodiumTestSupport
import Testing

/// The CloudFormation, SSM, ECR, KMS, IAM, EventBridge and S3 HeadObject clients end to end against unpatched
/// moto_server (real HTTP, SigV4), on a world seeded through boto3. Where stock moto 5.2.1 lacks an operation
/// (CancelUpdateStack, DetectStackDrift and the drift reads), the client must surface its answer as an AWS error,
/// never as a transport failure or a crash.
@Suite struct AWSServicesStockMotoTests {
    static let account = "123456789012"
    static let region = "eu-west-1"

    /// Seeds a stack owning an SSM parameter, a pin, an ECR image, a KMS key with an alias, a SageMaker execution
    /// role, an EventBridge rule with a target and an S3 object.
    static func seed(_ endpoint: URL) async throws {
        let script = """
            import boto3, json, sys
            kw = dict(endpoint_url=sys.argv[1], region_name="eu-west-1", aws_access_key_id="seed",
                      aws_secret_access_key="seed")
            template = {"Parameters": {"ModelPackageArn": {"Type": "String"}, "Other": {"Type": "String"}},
                        "Resources": {"Pin": {"Type": "AWS::SSM::Parameter", "Properties": {
                            "Type": "String", "Name": "/stack/pin", "Value": {"Ref": "ModelPackageArn"}}}}}
            cf = boto3.client("cloudformation", **kw)
            cf.create_stack(StackName="churn-prod", TemplateBody=json.dumps(template), Parameters=[
                {"ParameterKey": "ModelPackageArn", "ParameterValue": "arn:v1"},
                {"ParameterKey": "Other", "ParameterValue": "keep"}])
            ssm = boto3.client("ssm", **kw)
            ssm.put_parameter(Name="/models/churn/prod", Value="arn:v1", Type="String")
            ecr = boto3.client("ecr", **kw)
            ecr.create_repository(repositoryName="churn")
            manifest = json.dumps({"schemaVersion": 2,
                "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                "config": {"digest": "sha256:" + "a" * 64, "size": 1,
                           "mediaType": "application/vnd.docker.container.image.v1+json"}, "layers": []})
            ecr.put_image(repositoryName="churn", imageManifest=manifest, imageTag="v1")
            kms = boto3.client("kms", **kw)
            key = kms.create_key(Description="models")["KeyMetadata"]
            kms.create_alias(AliasName="alias/models", TargetKeyId=key["KeyId"])
            iam = boto3.client("iam", **kw)
            trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                     "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
            iam.create_role(RoleName="sm-exec", Path="/service/", AssumeRolePolicyDocument=json.dumps(trust))
            ev = boto3.client("events", **kw)
            pattern = {"source": ["aws.sagemaker"], "detail-type": ["SageMaker Model Package State Change"],
                       "detail": {"ModelApprovalStatus": ["Approved"]}}
            ev.put_rule(Name="on-approved", EventPattern=json.dumps(pattern))
            ev.put_targets(Rule="on-approved", Targets=[{"Id": "deploy",
                           "Arn": "arn:aws:lambda:eu-west-1:123456789012:function:start-deploy"}])
            s3 = boto3.client("s3", **kw)
            s3.create_bucket(Bucket="models", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
            s3.put_object(Bucket="models", Key="churn/1/model.tar.gz", Body=b"0123456789")
            """
        let result = try await ProcessRunner.run(
            pythonPath.path, ["-c", script, endpoint.absoluteString], environment: ProcessInfo.processInfo.environment)
        #expect(result.code == 0, "seeding failed: \(result.stderr)")
    }

    @Test func everyClientAgainstStockMoto() async throws {
        try await withStockMoto(region: Self.region) { aws, moto in
            try await Self.seed(moto.endpoint)
            try await cloudFormation(aws.cloudFormation)
            try await ssm(aws.ssm)
            try await ecr(aws.ecr)
            try await kms(aws.kms)
            try await iam(aws.iam)
            try await eventBridge(aws.eventBridge)
            try await s3(aws.s3)
        }
    }

    private func cloudFormation(_ cf: CloudFormationClient) async throws {
        let stack = try #require(try await cf.describeStacks(.init(stackName: "churn-prod")).stacks?.first)
        #expect(stack.stackStatus == "CREATE_COMPLETE")
        #expect(stack.parameters?.first { $0.parameterKey == "ModelPackageArn" }?.parameterValue == "arn:v1")
        let update = try await cf.updateStack(
            .init(
                stackName: "churn-prod", usePreviousTemplate: true,
                parameters: [
                    .init(parameterKey: "ModelPackageArn", parameterValue: "arn:v2"),
                    .init(parameterKey: "Other", usePreviousValue: true),
                ]))
        #expect(update.stackId?.hasPrefix("arn:aws:cloudformation:eu-west-1:") == true)
        let updated = try #require(try await cf.describeStacks(.init(stackName: "churn-prod")).stacks?.first)
        #expect(updated.stackStatus == "UPDATE_COMPLETE")
        let values = Dictionary(
            uniqueKeysWithValues: (updated.parameters ?? []).map { ($0.parameterKey ?? "", $0.parameterValue ?? "") })
        #expect(values == ["ModelPackageArn": "arn:v2", "Other": "keep"])

        var events: [StackEvent] = []
        for try await page in cf.describeStackEventsPaginator(.init(stackName: "churn-prod")) {
            events += page.stackEvents ?? []
        }
        #expect(events.contains { $0.resourceStatus == "UPDATE_COMPLETE" && $0.logicalResourceId == "churn-prod" })
        #expect(events.allSatisfy { $0.stackName == "churn-prod" && $0.timestamp.timeIntervalSince1970 > 0 })

        let resources = try await cf.describeStackResources(.init(stackName: "churn-prod")).stackResources ?? []
        #expect(resources.map(\.physicalResourceId) == ["/stack/pin"])
        #expect(resources.first?.resourceType == "AWS::SSM::Parameter")

        await #expect {
            _ = try await cf.describeStacks(.init(stackName: "nope"))
        } throws: { CloudFormationClient.isStackMissing($0) }
        // Stock moto 5.2.1 has no CancelUpdateStack or drift detection: its answer must arrive as an AWS error
        // naming the operation, not as a network failure.
        await #expect {
            try await cf.cancelUpdateStack(.init(stackName: "churn-prod"))
        } throws: { error in
            guard let error = error as? AWSServiceError else { return false }
            return error.operation == "CancelUpdateStack" && error.httpStatus >= 400
        }
        await #expect {
            _ = try await cf.detectStackDrift(.init(stackName: "churn-prod"))
        } throws: { ($0 as? AWSServiceError)?.operation == "DetectStackDrift" }
    }

    private func ssm(_ ssm: SSMClient) async throws {
        let pin = try await ssm.getParameter(.init(name: "/models/churn/prod"))
        #expect(pin.parameter?.value == "arn:v1")
        #expect(pin.parameter?.version == 1)
        let put = try await ssm.putParameter(
            .init(name: "/models/churn/prod", value: "arn:v2", type: "String", overwrite: true))
        #expect(put.version == 2)
        var history: [ParameterHistory] = []
        for try await page in ssm.getParameterHistoryPaginator(.init(name: "/models/churn/prod")) {
            history += page.parameters ?? []
        }
        #expect(history.map(\.value) == ["arn:v1", "arn:v2"])
        #expect(history.last?.lastModifiedDate.map { $0.timeIntervalSinceNow > -600 } == true)
        await #expect {
            _ = try await ssm.getParameter(.init(name: "/models/none"))
        } throws: { SSMClient.isParameterNotFound($0) }
    }

    private func ecr(_ ecr: ECRClient) async throws {
        let found = try await ecr.describeImages(.init(repositoryName: "churn", imageIds: [.init(imageTag: "v1")]))
        let image = try #require(found.imageDetails?.first)
        #expect(image.imageDigest?.hasPrefix("sha256:") == true)
        #expect(image.imageTags == ["v1"])
        #expect(image.registryId == Self.account)
        let repositories = try await ecr.describeRepositories(.init(repositoryNames: ["churn"]))
        #expect(repositories.repositories?.first?.repositoryUri?.hasSuffix("/churn") == true)
        await #expect {
            _ = try await ecr.describeImages(.init(repositoryName: "churn", imageIds: [.init(imageTag: "v9")]))
        } throws: { ($0 as? AWSServiceError)?.code == "ImageNotFoundException" }
        await #expect {
            _ = try await ecr.describeImages(.init(repositoryName: "none"))
        } throws: { ($0 as? AWSServiceError)?.code == "RepositoryNotFoundException" }
    }

    private func kms(_ kms: KMSClient) async throws {
        let key = try #require(try await kms.describeKey(.init(keyId: "alias/models")).keyMetadata)
        #expect(key.keyState == "Enabled")
        #expect(key.arn?.hasPrefix("arn:aws:kms:eu-west-1:\(Self.account):key/") == true)
        let byArn = try await kms.describeKey(.init(keyId: key.arn ?? ""))
        #expect(byArn.keyMetadata?.keyId == key.keyId)
        await #expect {
            _ = try await kms.describeKey(.init(keyId: "alias/none"))
        } throws: { ($0 as? AWSServiceError)?.code == "NotFoundException" }
    }

    private func iam(_ iam: IAMClient) async throws {
        let role = try await iam.getRole(.init(roleName: "sm-exec")).role
        #expect(role.arn == "arn:aws:iam::\(Self.account):role/service/sm-exec")
        #expect(IAMClient.roleName(fromARN: role.arn) == "sm-exec")
        let trust = try #require(role.trustPolicy)
        let policy = try #require(try JSONSerialization.jsonObject(with: Data(trust.utf8)) as? [String: Any])
        let statement = try #require((policy["Statement"] as? [[String: Any]])?.first)
        #expect((statement["Principal"] as? [String: Any])?["Service"] as? String == "sagemaker.amazonaws.com")
        await #expect {
            _ = try await iam.getRole(.init(roleName: "none"))
        } throws: { ($0 as? AWSServiceError)?.code == "NoSuchEntity" }
    }

    private func eventBridge(_ events: EventBridgeClient) async throws {
        var rules: [Rule] = []
        for try await page in events.listRulesPaginator() { rules += page.rules ?? [] }
        let rule = try #require(rules.first { $0.name == "on-approved" })
        #expect(rule.eventPattern?.contains("SageMaker Model Package State Change") == true)
        #expect(rule.state == "ENABLED")
        let targets = try await events.listTargetsByRule(.init(rule: "on-approved")).targets ?? []
        #expect(targets.map(\.arn) == ["arn:aws:lambda:eu-west-1:123456789012:function:start-deploy"])
        let described = try await events.describeRule(.init(name: "on-approved"))
        #expect(described.eventPattern == rule.eventPattern)
    }

    private func s3(_ s3: S3Client) async throws {
        let head = try await s3.headObject(.init(bucket: "models", key: "churn/1/model.tar.gz"))
        #expect(head.contentLength == 10)
        #expect(head.eTag?.isEmpty == false)
        await #expect {
            _ = try await s3.headObject(.init(bucket: "models", key: "churn/9/model.tar.gz"))
        } throws: { S3Client.isNotFound($0) }
    }
}
