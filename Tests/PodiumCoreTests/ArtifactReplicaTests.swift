import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// `artifacts:` (replicated images and model data): parsing with its errors, the rewrite of image URIs and model
/// data URLs, the CreateModel input made from a package, and the package ARN read back from such a model.
@Suite struct ArtifactReplicaTests {
    static func config(_ artifacts: String, credentials: String = "arn:aws:iam::333333333333:role/podium-promoter")
        -> String
    {
        """
        environments:
          - name: prod
            region: eu-west-1
            credentials: { role_arn: \(credentials) }
            artifacts: \(artifacts)
            endpoints:
              - { name: churn-prod, model_package_group: churn, instance_type: ml.m5.large }
        """
    }

    static func problems(_ yaml: String) -> String {
        do {
            _ = try ConfigParser.parse(yaml: yaml, file: "p.yaml")
            return ""
        } catch {
            return "\(error)"
        }
    }

    static let replicas = ReplicaRewriter(
        registry: "333333333333.dkr.ecr.eu-west-1.amazonaws.com", bucket: "podium-models-333333333333-eu-west-1")

    // MARK: - Config

    @Test func placeholdersAreFilledFromTheEnvironmentsAccountAndRegion() throws {
        let yaml = Self.config(
            #"{ ecr_registry: "{account}.dkr.ecr.{region}.amazonaws.com", model_data_bucket: "podium-models-{account}-{region}" }"#
        )
        let env = try #require(try ConfigParser.parse(yaml: yaml, file: "p.yaml").environments.first)
        #expect(env.artifacts?.ecrRegistry == "{account}.dkr.ecr.{region}.amazonaws.com")
        let rewriter = try #require(ReplicaRewriter(environment: env))
        #expect(rewriter == Self.replicas)
    }

    @Test func withoutArtifactsThereIsNoRewriter() throws {
        let yaml = Self.config("{ ecr_registry: x }").replacingOccurrences(
            of: "    artifacts: { ecr_registry: x }\n", with: "")
        let env = try #require(try ConfigParser.parse(yaml: yaml, file: "p.yaml").environments.first)
        #expect(env.artifacts == nil)
        #expect(ReplicaRewriter(environment: env) == nil)
    }

    @Test func onlyTheImageMayBeReplicated() throws {
        let yaml = Self.config(#"{ ecr_registry: "444444444444.dkr.ecr.eu-west-1.amazonaws.com" }"#)
        let env = try #require(try ConfigParser.parse(yaml: yaml, file: "p.yaml").environments.first)
        let rewriter = try #require(ReplicaRewriter(environment: env))
        #expect(rewriter.bucket == nil)
        #expect(rewriter.modelData("s3://b/k/model.tar.gz") == "s3://b/k/model.tar.gz")
    }

    @Test(arguments: [
        (#"{ ecr_registry: "{acount}.dkr.ecr.{region}.amazonaws.com" }"#, "uses {acount}; the placeholders are"),
        (#"{ ecr_registry: "registry.example.com" }"#, "must be an ECR registry host"),
        (#"{ ecr_registry: "{account}.dkr.ecr.us-east-1.amazonaws.com" }"#, "SageMaker refuses cross-region"),
        (#"{ model_data_bucket: "s3://podium-models" }"#, "must be an S3 bucket name"),
        (#"{ model_data_bucket: "Podium_Models" }"#, "must be an S3 bucket name"),
        ("{}", "must name ecr_registry, model_data_bucket or both"),
        (#"{ ecr_registry: "{account}.dkr.ecr.{region}.amazonaws.com", bucket: b }"#, "bucket"),
    ])
    func configMistakesAreReportedWithTheirLine(yaml: String, expected: String) {
        let text = Self.problems(Self.config(yaml))
        #expect(text.contains("p.yaml:5:"), "\(text)")
        #expect(text.contains(expected), "\(text)")
    }

    @Test func anAccountPlaceholderNeedsAKnownAccount() {
        let yaml = """
            environments:
              - name: prod
                region: eu-west-1
                artifacts: { model_data_bucket: "models-{account}-{region}" }
                endpoints:
                  - { name: churn-prod, model_package_group: churn, instance_type: ml.m5.large }
            """
        let text = Self.problems(yaml)
        #expect(text.contains("uses {account}, but the environment's account is not known"), "\(text)")
    }

    // MARK: - Rewrite

    @Test(arguments: [
        (
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:v3",
            "333333333333.dkr.ecr.eu-west-1.amazonaws.com/churn:v3"
        ),
        (
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/churn@sha256:abc123",
            "333333333333.dkr.ecr.eu-west-1.amazonaws.com/team/churn@sha256:abc123"
        ),
        (
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:v3@sha256:abc123",
            "333333333333.dkr.ecr.eu-west-1.amazonaws.com/churn:v3@sha256:abc123"
        ),
        ("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn", "333333333333.dkr.ecr.eu-west-1.amazonaws.com/churn"),
        ("docker.io/library/nginx:1", "docker.io/library/nginx:1"),
    ])
    func imagesMoveToTheReplicaRegistryKeepingRepositoryTagAndDigest(original: String, replica: String) {
        #expect(Self.replicas.image(original) == replica)
    }

    @Test func modelDataKeepsItsKeyInTheReplicaBucket() {
        #expect(
            Self.replicas.modelData("s3://podium-models-123456789012-us-east-1/churn/v3/model.tar.gz")
                == "s3://podium-models-333333333333-eu-west-1/churn/v3/model.tar.gz")
        #expect(Self.replicas.modelData("https://example.com/x") == "https://example.com/x")
    }

    @Test func createModelUsesTheRewrittenContainersAndNamesThePackage() throws {
        let arn = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/3"
        let containers = [
            ModelPackageContainerDefinition(
                image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:v3",
                modelDataUrl: "s3://podium-models-123456789012-us-east-1/churn/v3/model.tar.gz",
                environment: ["SAGEMAKER_PROGRAM": "serve.py"])
        ]
        var input = CreateModelInput(modelName: "m", primaryContainer: ContainerDefinition(modelPackageName: arn))
        try Self.replicas.use(containers, packageArn: arn, in: &input)
        let primary = try #require(input.primaryContainer)
        #expect(primary.modelPackageName == nil)
        #expect(primary.image == "333333333333.dkr.ecr.eu-west-1.amazonaws.com/churn:v3")
        #expect(primary.modelDataUrl == "s3://podium-models-333333333333-eu-west-1/churn/v3/model.tar.gz")
        #expect(primary.environment == ["SAGEMAKER_PROGRAM": "serve.py", ModelPackageOrigin.environmentKey: arn])
        #expect(ModelPackageOrigin.packageArn(in: [primary]) == arn)

        let pipeline =
            containers + [ModelPackageContainerDefinition(image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/post:1")]
        try Self.replicas.use(pipeline, packageArn: arn, in: &input)
        #expect(input.primaryContainer == nil)
        #expect(
            input.containers?.map(\.image) == [
                "333333333333.dkr.ecr.eu-west-1.amazonaws.com/churn:v3",
                "333333333333.dkr.ecr.eu-west-1.amazonaws.com/post:1",
            ])
    }

    @Test func aPackageWithoutContainersIsAClearFailure() {
        var input = CreateModelInput(modelName: "m")
        #expect {
            try Self.replicas.use([], packageArn: "arn:p", in: &input)
        } throws: { error in
            (error as? PodiumError)?.message.contains("lists no inference container") == true
        }
    }

    @Test func preflightChecksTheReplicas() {
        let containers = Self.replicas.packageContainers([
            ModelPackageContainerDefinition(
                image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:v3",
                modelDataSource: ModelDataSource(
                    s3DataSource: S3ModelDataSource(
                        s3Uri: "s3://podium-models-123456789012-us-east-1/churn/v3/", s3DataType: "S3Prefix",
                        compressionType: "None")))
        ])
        let target = PreflightTarget(
            containers: containers, environment: EnvironmentConfig(name: "prod", region: "eu-west-1"),
            account: "333333333333")
        #expect(target.images == ["333333333333.dkr.ecr.eu-west-1.amazonaws.com/churn:v3"])
        #expect(target.modelDataURLs == ["s3://podium-models-333333333333-eu-west-1/churn/v3/"])
    }

    // MARK: - Reading back

    @Test func thePackageIsReadFromModelPackageNameFirstThenTheEnvironment() {
        let byName = ContainerDefinition(modelPackageName: "arn:a")
        let byEnvironment = ContainerDefinition(image: "i", environment: [ModelPackageOrigin.environmentKey: "arn:b"])
        #expect(ModelPackageOrigin.packageArn(in: [byName, byEnvironment]) == "arn:a")
        #expect(ModelPackageOrigin.packageArn(in: [ContainerDefinition(image: "i"), byEnvironment]) == "arn:b")
        #expect(ModelPackageOrigin.packageArn(in: [ContainerDefinition(image: "i", environment: ["X": "y"])]) == nil)
    }
}
