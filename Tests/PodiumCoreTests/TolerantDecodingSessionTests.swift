import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// Answers that omit members AWS marks required still read; only the code that needs a value fails, naming the
/// operation and the field.
@Suite struct TolerantDecodingSessionTests {
    static let config = """
        environments:
          - name: dev
            region: us-east-1
            endpoints:
              - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large }
        """

    private func session(_ aws: ScriptedAWS) throws -> PodiumSession {
        try aws.session(
            config: try ConfigParser.parse(yaml: Self.config, file: "t.yaml"), auditPath: "/nonexistent/audit.jsonl")
    }

    /// Stock moto's answers: `"DataCaptureConfig": {}` and a versioned package without `ModelPackageName`.
    @Test func stockMotoAnswersRead() async throws {
        let aws = ScriptedAWS()
        aws.on(
            "DescribeEndpoint",
            json: [
                "EndpointName": "churn-dev", "EndpointArn": "arn:aws:sagemaker:us-east-1:1:endpoint/churn-dev",
                "EndpointConfigName": "cfg-1", "EndpointStatus": "InService", "CreationTime": 1_700_000_000,
                "LastModifiedTime": 1_700_000_000, "DataCaptureConfig": [String: Any](),
            ])
        aws.on(
            "DescribeEndpointConfig",
            json: [
                "EndpointConfigName": "cfg-1", "EndpointConfigArn": "arn:cfg", "CreationTime": 1_700_000_000,
                "DataCaptureConfig": [String: Any](),
                "ProductionVariants": [["VariantName": "AllTraffic", "ModelName": "m-1"]],
            ])
        aws.on(
            "DescribeModel",
            json: [
                "ModelName": "m-1", "ModelArn": "arn:m", "CreationTime": 1_700_000_000, "VpcConfig": [String: Any](),
                "PrimaryContainer": ["ModelPackageName": "arn:aws:sagemaker:us-east-1:1:model-package/churn/3"],
            ])
        let deployment = try await session(aws).deployment(environment: "dev", endpoint: "churn-dev")
        #expect(deployment.problem == nil)
        #expect(deployment.version == 3)
    }

    @Test func anEndpointWithoutAConfigNameSaysWhichAnswerLackedIt() async throws {
        let aws = ScriptedAWS()
        aws.on("DescribeEndpoint", json: ["EndpointName": "churn-dev", "EndpointStatus": "InService"])
        let deployment = try await session(aws).deployment(environment: "dev", endpoint: "churn-dev")
        #expect(deployment.status == .inService)
        #expect(deployment.problem?.hasPrefix("SageMaker DescribeEndpoint answered without EndpointConfigName") == true)
        #expect(await aws.operations() == ["DescribeEndpoint"])  // nothing followed with an empty name
    }

    @Test func aConfigWithoutAModelNameSaysWhichAnswerLackedIt() async throws {
        let aws = ScriptedAWS()
        aws.on("DescribeEndpoint", json: ["EndpointName": "churn-dev", "EndpointConfigName": "cfg-1"])
        aws.on("DescribeEndpointConfig", json: ["ProductionVariants": [["VariantName": "AllTraffic"]]])
        let deployment = try await session(aws).deployment(environment: "dev", endpoint: "churn-dev")
        let problem = try #require(deployment.problem)
        #expect(problem.contains("SageMaker DescribeEndpointConfig answered without ProductionVariants[].ModelName"))
        #expect(!(await aws.operations()).contains("DescribeModel"))
    }

    @Test func aGroupWithoutAnArnCannotNameItsVersions() async throws {
        let aws = ScriptedAWS()
        aws.on("DescribeModelPackageGroup", json: ["ModelPackageGroupName": "churn"])
        do {
            _ = try await session(aws).version(group: "churn", version: 3)
            Issue.record("expected an error")
        } catch {
            #expect(
                error as? AWSClientError
                    == .missingValue(
                        service: "SageMaker", operation: "DescribeModelPackageGroup", field: "ModelPackageGroupArn"))
            #expect(PodiumError.describe(error).contains("answered without ModelPackageGroupArn"))
            #expect(PodiumError.kind(of: error) == .failed)
        }
    }

    /// Stock moto names one fixed Studio profile as LastModifiedBy for every caller; podium's own approval record
    /// names the real one. An IAM identity from AWS still wins.
    @Test(arguments: [
        (#"{"UserProfileName":"fake-user-profile-name"}"#, "arn:aws:sts::1:assumed-role/x/bob"),
        (#"{"IamIdentity":{"Arn":"arn:aws:sts::1:assumed-role/x/eve"}}"#, "arn:aws:sts::1:assumed-role/x/eve"),
    ])
    func whoChangedAVersionLast(lastModifiedByJSON: String, expected: String) async throws {
        let lastModifiedBy = try JSONSerialization.jsonObject(with: Data(lastModifiedByJSON.utf8))
        let aws = ScriptedAWS()
        aws.on(
            "DescribeModelPackageGroup",
            json: [
                "ModelPackageGroupName": "churn",
                "ModelPackageGroupArn": "arn:aws:sagemaker:us-east-1:1:model-package-group/churn",
            ])
        aws.on(
            "DescribeModelPackage",
            json: [
                "ModelPackageArn": "arn:aws:sagemaker:us-east-1:1:model-package/churn/3", "ModelPackageVersion": 3,
                "ModelApprovalStatus": "Rejected", "LastModifiedBy": lastModifiedBy,
                "ApprovalDescription": "no — rejected by arn:aws:sts::1:assumed-role/x/bob at 2027-01-15T07:59:00Z",
            ])
        let version = try await session(aws).version(group: "churn", version: 3)
        #expect(version.lastModifiedBy == expected)
    }
}
