import AWSCore
import Foundation
import PodiumCore
import Testing

/// Preflight's pure decisions: parsing, SageMaker's placement rules, reading answers and errors.
@Suite struct PreflightRulesTests {
    static let target = PreflightTarget(
        account: "111111111111", region: "eu-west-1", images: [], modelDataURLs: [])

    @Test func ecrImageURIsAreParsed() throws {
        let tagged = try #require(ECRImageReference("111111111111.dkr.ecr.eu-west-1.amazonaws.com/team/churn:3"))
        #expect(tagged.account == "111111111111" && tagged.region == "eu-west-1")
        #expect(tagged.repository == "team/churn" && tagged.tag == "3" && tagged.digest == nil)
        #expect(tagged.imageId.tag == "3")
        let pinned = try #require(
            ECRImageReference(
                "111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn/churn@sha256:" + String(repeating: "a", count: 64)))
        #expect(pinned.region == "cn-north-1" && pinned.digest?.hasPrefix("sha256:") == true)
        #expect(pinned.imageId.tag == nil)
        #expect(ECRImageReference("111111111111.dkr.ecr.eu-west-1.amazonaws.com/churn")?.imageId.tag == "latest")
        #expect(ECRImageReference("docker.io/library/python:3.12") == nil)
        #expect(ECRImageReference("1111.dkr.ecr.eu-west-1.amazonaws.com/churn:1") == nil)
        #expect(ECRImageReference("111111111111.dkr.ecr.eu-west-1.amazonaws.com/") == nil)
    }

    @Test func crossRegionImagesAreRefusedWithSageMakersWords() throws {
        let outcome = try #require(
            PreflightRules.image("111111111111.dkr.ecr.us-east-1.amazonaws.com/churn:3", target: Self.target))
        #expect(outcome.blocks)
        #expect(outcome.text.hasPrefix("Cross region ECR image pulls are not allowed"))
        #expect(outcome.text.contains("us-east-1") && outcome.text.contains("eu-west-1"))
        #expect(
            PreflightRules.image("111111111111.dkr.ecr.eu-west-1.amazonaws.com/churn:3", target: Self.target) == nil)
    }

    @Test func serverlessEndpointsNeedTheImageInTheirOwnAccount() throws {
        var serverless = Self.target
        serverless.serverless = true
        let other = "222222222222.dkr.ecr.eu-west-1.amazonaws.com/churn:3"
        let outcome = try #require(PreflightRules.image(other, target: serverless))
        #expect(outcome.blocks && outcome.text.contains("serverless") && outcome.text.contains("111111111111"))
        // A real-time endpoint may pull from another account (the registry's policy decides).
        #expect(PreflightRules.image(other, target: Self.target) == nil)
        #expect(PreflightRules.image("111111111111.dkr.ecr.eu-west-1.amazonaws.com/churn:3", target: serverless) == nil)
    }

    @Test func nonECRImagesAndPrefixesAreSkippedBadURLsFail() {
        #expect(PreflightRules.image("docker.io/library/python:3.12", target: Self.target)?.name == "skipped")
        #expect(PreflightRules.modelData("https://bucket.s3.amazonaws.com/model.tar.gz")?.blocks == true)
        #expect(PreflightRules.modelData("s3://models/churn/3/")?.name == "skipped")
        #expect(PreflightRules.modelData("s3://models")?.name == "skipped")
        #expect(PreflightRules.modelData("s3://models/churn/3/model.tar.gz") == nil)
        #expect(
            S3ObjectLocation("s3://models/churn/3/model.tar.gz") == S3ObjectLocation("s3://models/churn/3/model.tar.gz")
        )
        #expect(S3ObjectLocation("s3://models/churn/3/model.tar.gz")?.key == "churn/3/model.tar.gz")
    }

    @Test func keysAndRolesOutsideTheEndpointsRegionOrAccountFail() {
        #expect(PreflightRules.kmsKey(nil, target: Self.target) == .skipped(why: "no KMS key configured"))
        #expect(PreflightRules.kmsKey("alias/models", target: Self.target) == nil)
        #expect(
            PreflightRules.kmsKey("arn:aws:kms:us-east-1:111111111111:key/abc", target: Self.target)?.blocks == true)
        #expect(PreflightRules.kmsKey("arn:aws:kms:eu-west-1:111111111111:key/abc", target: Self.target) == nil)
        #expect(PreflightRules.executionRole(nil, target: Self.target)?.name == "skipped")
        #expect(PreflightRules.executionRole("sm-exec", target: Self.target)?.blocks == true)
        #expect(
            PreflightRules.executionRole("arn:aws:iam::222222222222:role/sm-exec", target: Self.target)?.blocks == true)
        #expect(PreflightRules.executionRole("arn:aws:iam::111111111111:role/svc/sm-exec", target: Self.target) == nil)
    }

    @Test func trustPoliciesAreReadInEveryShapeIAMAllows() throws {
        func trusts(_ json: String) -> Bool {
            TrustPolicy(json: json)?.trusts(service: "sagemaker.amazonaws.com") == true
        }
        #expect(
            trusts(
                #"{"Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
            ))
        #expect(
            trusts(
                #"{"Statement":{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","sagemaker.amazonaws.com"]},"Action":["sts:TagSession","sts:AssumeRole"]}}"#
            ))
        #expect(
            !trusts(
                #"{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
            ))
        #expect(
            !trusts(
                #"{"Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:TagSession"}]}"#
            ))
        #expect(
            !trusts(
                #"{"Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:*"}]}"#
            ))
        #expect(TrustPolicy(json: "not json") == nil)
        let role = GetRoleResponse(
            role: Role(
                path: "/", roleName: "r", roleId: "id", arn: "arn:aws:iam::1:role/r", createDate: Date(),
                assumeRolePolicyDocument:
                    "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22sagemaker.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"
            ))
        #expect(PreflightRules.executionRole(role) == .passed(detail: "trusts sagemaker.amazonaws.com"))
    }

    @Test func answersAreRead() {
        let image = DescribeImagesResponse(imageDetails: [ImageDetail(imageDigest: "sha256:abc")])
        #expect(PreflightRules.image(image) == .passed(detail: "sha256:abc"))
        #expect(PreflightRules.image(DescribeImagesResponse(imageDetails: [])).blocks)
        #expect(
            PreflightRules.kmsKey(DescribeKeyResponse(keyMetadata: KeyMetadata(keyId: "k", keyState: "Enabled"))).name
                == "passed")
        let disabled = PreflightRules.kmsKey(
            DescribeKeyResponse(keyMetadata: KeyMetadata(keyId: "k", keyState: "PendingDeletion")))
        #expect(disabled == .failed(reason: "the key is PendingDeletion; SageMaker needs it Enabled"))
        #expect(PreflightRules.kmsKey(DescribeKeyResponse()).name == "warning")
        #expect(PreflightRules.modelData(HeadObjectOutput(contentLength: 10)) == .passed(detail: "10 bytes"))
    }

    @Test func errorsBecomeFailuresOrWarningsNamingTheMissingAction() {
        func error(_ service: String, _ operation: String, _ code: String, _ status: Int) -> AWSServiceError {
            AWSServiceError(service: service, operation: operation, code: code, httpStatus: status)
        }
        let target = Self.target
        let denied = PreflightRules.outcome(
            of: error("ECR", "DescribeImages", "AccessDeniedException", 400), kind: .image, target: target)
        #expect(
            denied
                == .warning(
                    reason: "podium may not check this: AWS refused ecr:DescribeImages",
                    missingAction: "ecr:DescribeImages"))
        let headDenied = PreflightRules.outcome(
            of: error("S3", "HeadObject", "HTTP403", 403), kind: .modelData, target: target)
        #expect(headDenied.name == "warning")
        if case .warning(_, let action) = headDenied { #expect(action == "s3:GetObject") }
        #expect(
            PreflightRules.outcome(of: error("S3", "HeadObject", "HTTP404", 404), kind: .modelData, target: target)
                == .failed(reason: "no such object"))
        #expect(
            PreflightRules.outcome(of: error("S3", "HeadObject", "HTTP301", 301), kind: .modelData, target: target).text
                .contains("endpoint's region eu-west-1"))
        let bare400 = PreflightRules.outcome(
            of: error("S3", "HeadObject", "HTTP400", 400), kind: .modelData, target: target)
        #expect(bare400.name == "warning" && bare400.text.contains("another region"))
        #expect(
            PreflightRules.outcome(
                of: error("ECR", "DescribeImages", "ImageNotFoundException", 400), kind: .image, target: target
            ).blocks)
        #expect(
            PreflightRules.outcome(
                of: error("ECR", "DescribeImages", "RepositoryNotFoundException", 400), kind: .image, target: target
            ).blocks)
        #expect(
            PreflightRules.outcome(
                of: error("KMS", "DescribeKey", "NotFoundException", 400), kind: .kmsKey, target: target
            ).blocks)
        #expect(
            PreflightRules.outcome(
                of: error("IAM", "GetRole", "NoSuchEntity", 404), kind: .executionRole, target: target)
                == .failed(reason: "no such IAM role"))
        let iamDenied = PreflightRules.outcome(
            of: error("IAM", "GetRole", "AccessDenied", 403), kind: .executionRole, target: target)
        #expect(
            iamDenied
                == .warning(reason: "podium may not check this: AWS refused iam:GetRole", missingAction: "iam:GetRole"))
        let noAnswer = AWSClientError.transport(
            service: "KMS", operation: "DescribeKey", error: .connectFailed("refused"), attempts: 3)
        let unknown = PreflightRules.outcome(of: noAnswer, kind: .kmsKey, target: target)
        #expect(unknown.name == "warning" && !unknown.blocks)
        #expect(
            PreflightRules.outcome(
                of: error("KMS", "DescribeKey", "KMSInternalException", 500), kind: .kmsKey, target: target
            ).name == "warning")
    }

    @Test func theTargetComesFromThePackagesContainersAndTheEnvironment() {
        let image = "111111111111.dkr.ecr.eu-west-1.amazonaws.com/churn:3"
        let containers = [
            ModelPackageContainerDefinition(image: image, modelDataUrl: "s3://models/churn/3/model.tar.gz"),
            ModelPackageContainerDefinition(image: image, modelDataUrl: "s3://models/churn/3/model.tar.gz"),
            ModelPackageContainerDefinition(
                image: "111111111111.dkr.ecr.eu-west-1.amazonaws.com/post:1",
                modelDataSource: ModelDataSource(
                    s3DataSource: S3ModelDataSource(
                        s3Uri: "s3://models/post/", s3DataType: "S3Prefix", compressionType: "None"))),
        ]
        let report = PreflightReport(checks: [
            PreflightCheck(kind: .image, subject: "a", outcome: .passed(detail: "d")),
            PreflightCheck(
                kind: .kmsKey, subject: "k", outcome: .warning(reason: "r", missingAction: "kms:DescribeKey")),
            PreflightCheck(
                kind: .executionRole, subject: "r", outcome: .warning(reason: "r", missingAction: "kms:DescribeKey")),
            PreflightCheck(kind: .modelData, subject: "m", outcome: .failed(reason: "no such object")),
        ])
        #expect(report.blocks && report.failures.map(\.subject) == ["m"])
        #expect(report.missingActions == ["kms:DescribeKey"] && report.warnings.count == 2)
        #expect(report.checks[3].line == "FAIL model data m — no such object")
        let target = PreflightTarget(
            containers: containers,
            environment: EnvironmentConfig(
                name: "prod", region: "eu-west-1", executionRoleArn: "arn:aws:iam::111111111111:role/sm-exec",
                kmsKeyId: "alias/models"),
            account: nil)
        #expect(target.images == [image, "111111111111.dkr.ecr.eu-west-1.amazonaws.com/post:1"])
        #expect(target.modelDataURLs == ["s3://models/churn/3/model.tar.gz", "s3://models/post/"])
        #expect(target.account == "111111111111" && target.region == "eu-west-1" && target.kmsKeyId == "alias/models")
    }
}
