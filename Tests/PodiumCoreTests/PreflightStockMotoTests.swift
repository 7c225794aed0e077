import AWSCore
import Foundation
import PodiumCore
import PodiumTestSupport
import Testing

/// Preflight end to end against unpatched moto_server (real HTTP, SigV4, IAM enforcement on): a world seeded with
/// ECR, S3, KMS and IAM data, where every check passes once and then fails once, and a caller without
/// `iam:GetRole` gets a warning naming that action.
@Suite struct PreflightStockMotoTests {
    static let account = "123456789012"
    static let region = "eu-west-1"
    static let image = "\(account).dkr.ecr.\(region).amazonaws.com/churn:v1"
    static let modelData = "s3://models/churn/1/model.tar.gz"
    static let role = "arn:aws:iam::\(account):role/service/sm-exec"

    /// Seeds the world and two users (every action; every action but `iam:GetRole`); prints their keys.
    static let seedScript = """
        import boto3, json, sys
        kw = dict(endpoint_url=sys.argv[1], region_name="eu-west-1", aws_access_key_id="seed",
                  aws_secret_access_key="seed")
        ecr = boto3.client("ecr", **kw)
        ecr.create_repository(repositoryName="churn")
        manifest = json.dumps({"schemaVersion": 2,
            "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
            "config": {"digest": "sha256:" + "a" * 64, "size": 1,
                       "mediaType": "application/vnd.docker.container.image.v1+json"}, "layers": []})
        ecr.put_image(repositoryName="churn", imageManifest=manifest, imageTag="v1")
        s3 = boto3.client("s3", **kw)
        s3.create_bucket(Bucket="models", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        s3.put_object(Bucket="models", Key="churn/1/model.tar.gz", Body=b"0123456789")
        kms = boto3.client("kms", **kw)
        enabled = kms.create_key(Description="models")["KeyMetadata"]
        kms.create_alias(AliasName="alias/models", TargetKeyId=enabled["KeyId"])
        disabled = kms.create_key(Description="old")["KeyMetadata"]
        kms.create_alias(AliasName="alias/old", TargetKeyId=disabled["KeyId"])
        kms.disable_key(KeyId=disabled["KeyId"])
        iam = boto3.client("iam", **kw)
        def trust(service):
            return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]})
        iam.create_role(RoleName="sm-exec", Path="/service/", AssumeRolePolicyDocument=trust("sagemaker.amazonaws.com"))
        iam.create_role(RoleName="lambda-exec", AssumeRolePolicyDocument=trust("lambda.amazonaws.com"))
        def user(name, statement):
            iam.create_user(UserName=name)
            iam.put_user_policy(UserName=name, PolicyName="p", PolicyDocument=json.dumps(
                {"Version": "2012-10-17", "Statement": statement}))
            key = iam.create_access_key(UserName=name)["AccessKey"]
            print(key["AccessKeyId"], key["SecretAccessKey"])
        user("all", [{"Effect": "Allow", "Action": "*", "Resource": "*"}])
        user("no-iam", [{"Effect": "Allow", "Action": ["ecr:DescribeImages", "s3:GetObject", "kms:DescribeKey"],
                         "Resource": "*"}])
        user("ecr-only", [{"Effect": "Allow", "Action": ["ecr:DescribeImages"], "Resource": "*"}])
        """

    func client(_ moto: StockMotoProcess, _ key: Substring) -> AWSClient {
        let parts = key.split(separator: " ")
        return AWSClient(
            region: Self.region,
            credentialProvider: AWSClient.FixedCredentials(
                AWSCredentials(accessKeyId: String(parts[0]), secretAccessKey: String(parts[1]))),
            endpoints: .url(moto.endpoint), readOnly: true)
    }

    static func target(
        image: String = image, modelData: String = modelData, key: String = "alias/models", role: String = role
    ) -> PreflightTarget {
        PreflightTarget(
            account: account, region: region, images: [image], modelDataURLs: [modelData], kmsKeyId: key,
            executionRoleArn: role)
    }

    @Test func everyCheckPassesOnceAndFailsOnce() async throws {
        let moto = try await StockMotoProcess.start()
        do {
            let seeded = try await ProcessRunner.run(
                pythonPath.path, ["-c", Self.seedScript, moto.endpoint.absoluteString],
                environment: ProcessInfo.processInfo.environment)
            try #require(seeded.code == 0, "seeding failed: \(seeded.stderr)")
            let keys = seeded.stdout.split(separator: "\n")
            try #require(keys.count == 3)
            try await moto.enforceIAM()
            try await checks(full: client(moto, keys[0]), withoutGetRole: client(moto, keys[1]))
            try await deniedReads(client(moto, keys[2]))
        } catch {
            await moto.stop()
            throw error
        }
        await moto.stop()
    }

    private func checks(full: AWSClient, withoutGetRole: AWSClient) async throws {
        let preflight = Preflight(client: full)
        let good = try await preflight.run(Self.target())
        #expect(good.checks.map(\.kind) == [.image, .modelData, .kmsKey, .executionRole])
        #expect(good.checks.map(\.outcome.name) == ["passed", "passed", "passed", "passed"], "\(good.checks)")
        #expect(good.checks[0].outcome.text.hasPrefix("sha256:"))
        #expect(good.checks[1].outcome == .passed(detail: "10 bytes"))
        #expect(!good.blocks)

        let bad = try await preflight.run(
            Self.target(
                image: "\(Self.account).dkr.ecr.\(Self.region).amazonaws.com/churn:v9",
                modelData: "s3://models/churn/9/model.tar.gz", key: "alias/old",
                role: "arn:aws:iam::\(Self.account):role/lambda-exec"))
        #expect(bad.blocks)
        #expect(
            bad.checks.map(\.outcome) == [
                .failed(reason: "no such image in the repository"), .failed(reason: "no such object"),
                .failed(reason: "the key is Disabled; SageMaker needs it Enabled"),
                .failed(reason: "the role does not trust sagemaker.amazonaws.com (sts:AssumeRole)"),
            ])

        let missing = try await preflight.run(
            Self.target(
                image: "\(Self.account).dkr.ecr.\(Self.region).amazonaws.com/none:v1", key: "alias/none",
                role: "arn:aws:iam::\(Self.account):role/none"))
        #expect(
            missing.checks.map(\.outcome.text) == [
                "no such ECR repository", "10 bytes", "no such KMS key", "no such IAM role",
            ])

        // SageMaker's rules refuse a cross-region image before any call.
        let crossRegion = try await preflight.run(
            Self.target(image: "\(Self.account).dkr.ecr.us-east-1.amazonaws.com/churn:v1"))
        #expect(crossRegion.checks[0].outcome.text.hasPrefix("Cross region ECR image pulls are not allowed"))

        let denied = try await Preflight(client: withoutGetRole).run(Self.target())
        #expect(denied.checks.map(\.outcome.name) == ["passed", "passed", "passed", "warning"], "\(denied.checks)")
        #expect(denied.missingActions == ["iam:GetRole"])
        #expect(!denied.blocks)
    }

    /// Stock moto's refusals in three protocols (a bare 403 to S3's HEAD, awsJson for KMS, awsQuery for IAM) are
    /// each a warning naming the action, never a failure.
    private func deniedReads(_ ecrOnly: AWSClient) async throws {
        let report = try await Preflight(client: ecrOnly).run(Self.target())
        #expect(report.checks.map(\.outcome.name) == ["passed", "warning", "warning", "warning"], "\(report.checks)")
        #expect(report.missingActions == ["s3:GetObject", "kms:DescribeKey", "iam:GetRole"])
        #expect(!report.blocks)
    }
}
