import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// Preflight of a direct rollback reads the target config as it exists (its key, its model's role, the package
/// its model was made from) and runs the promotion's checks on it. A missing resource fails; a check AWS refused
/// or throttled only warns, and is not an access denial that would fail `podium rollback`.
@Suite struct RollbackPreflightReaderTests {
    static let image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:3"
    static let data = "s3://models/churn/3/model.tar.gz"

    static func world() throws -> (ScriptedAWS, PodiumSession, String) {
        let aws = ScriptedAWS()
        RecordedCallTests.scriptDeployedWorld(aws) { "churn-dev-v3" }
        let t = RecordedCallTests.now.timeIntervalSince1970
        aws.on(
            "DescribeEndpointConfig",
            json: [
                "EndpointConfigName": "churn-dev-v3",
                "EndpointConfigArn": "arn:aws:sagemaker:us-east-1:1:x/churn-dev-v3",
                "CreationTime": t - 7_300, "KmsKeyId": "alias/podium-dev-2026",
                "ProductionVariants": [["VariantName": "AllTraffic", "ModelName": "churn-dev-v3"]],
            ])
        aws.on(
            "DescribeModel",
            json: [
                "ModelName": "churn-dev-v3", "ModelArn": "arn:aws:sagemaker:us-east-1:1:model/churn-dev-v3",
                "CreationTime": t - 7_300, "ExecutionRoleArn": "arn:aws:iam::111111111111:role/sagemaker-exec-2026",
                "PrimaryContainer": ["ModelPackageName": RecordedCallTests.oldPackageArn],
            ])
        aws.on(
            "DescribeModelPackage",
            json: [
                "ModelPackageGroupName": "churn", "ModelPackageVersion": 3,
                "ModelPackageArn": RecordedCallTests.oldPackageArn, "CreationTime": t - 86_400,
                "ModelPackageStatus": "Completed", "ModelApprovalStatus": "Approved",
                "InferenceSpecification": ["Containers": [["Image": image, "ModelDataUrl": data]]],
            ])
        aws.on("DescribeImages") { _ in
            ScriptedAWS.json(["__type": "AccessDeniedException", "message": "not authorized"], status: 400)
        }
        aws.on("DescribeKey") { _ in
            ScriptedAWS.json(["__type": "ThrottlingException", "message": "Rate exceeded"], status: 400)
        }
        aws.on("HEAD /models/churn/3/model.tar.gz") { _ in HTTPResponse(status: 404, headers: [], body: []) }
        aws.on("GetRole") { _ in
            let xml =
                "<GetRoleResponse><GetRoleResult><Role><Arn>arn:aws:iam::111111111111:role/sagemaker-exec-2026</Arn>"
                + "<AssumeRolePolicyDocument>%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22"
                + "Principal%22%3A%7B%22Service%22%3A%22sagemaker.amazonaws.com%22%7D%2C%22Action%22%3A%22"
                + "sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument></Role></GetRoleResult></GetRoleResponse>"
            return HTTPResponse(status: 200, headers: [("Content-Type", "text/xml")], body: Array(xml.utf8))
        }
        let auditPath = RecordedCallTests.auditPath()
        let session = try aws.session(
            config: try RecordedCallTests.config(), auditPath: auditPath, now: { RecordedCallTests.now })
        return (aws, session, auditPath)
    }

    @Test func theTargetAsItExistsIsCheckedAndOnlyAMissingResourceBlocks() async throws {
        let (aws, session, auditPath) = try Self.world()
        defer {
            withExtendedLifetime(aws) {}  // its transport answers the session's clients
            try? FileManager.default.removeItem(atPath: auditPath)
        }
        let env = try session.context.environment("dev")
        let checks = try await RollbackPreflightReader(context: session.context).preflight(
            config: "churn-dev-v3", env: env)
        #expect(checks.map(\.check) == ["image", "model data", "KMS key", "execution role"])
        // The config's own key and the model's own role, not today's environment config.
        #expect(
            checks.map(\.subject) == [
                Self.image, Self.data, "alias/podium-dev-2026", "arn:aws:iam::111111111111:role/sagemaker-exec-2026",
            ])
        #expect(checks.map(\.outcome) == ["warning", "failed", "warning", "passed"])
        #expect(checks[0].missingAction == "ecr:DescribeImages")
        #expect(checks[1].detail == "no such object")
        #expect(checks[2].detail.contains("ThrottlingException"))
        #expect(await session.accessDenials.refused.isEmpty)
        let blockers = checks.compactMap(\.blocker)
        #expect(blockers == ["preflight: model data \(Self.data): no such object"])
    }

    @Test func aDeletedModelFailsAndAnUnreadableConfigWarns() async throws {
        let (aws, session, auditPath) = try Self.world()
        defer {
            withExtendedLifetime(aws) {}  // its transport answers the session's clients
            try? FileManager.default.removeItem(atPath: auditPath)
        }
        let env = try session.context.environment("dev")
        let reader = RollbackPreflightReader(context: session.context)
        aws.on("DescribeModel") { _ in ScriptedAWS.notFound("model churn-dev-v3") }
        var checks = try await reader.preflight(config: "churn-dev-v3", env: env)
        #expect(checks.first?.outcome == "failed")
        #expect(
            checks.first?.line
                == "FAIL rollback target model churn-dev-v3 — it no longer exists; SageMaker cannot serve churn-dev-v3 without it"
        )
        aws.on("DescribeEndpointConfig") { _ in
            ScriptedAWS.json(["__type": "AccessDeniedException", "message": "no"], status: 400)
        }
        checks = try await reader.preflight(config: "churn-dev-v3", env: env)
        #expect(checks.map(\.outcome) == ["warning"])
        #expect(checks.first?.missingAction == "sagemaker:DescribeEndpointConfig")
        #expect(checks.compactMap(\.blocker).isEmpty)
    }
}
