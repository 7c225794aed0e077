import Foundation
import PodiumTestSupport
import Testing

/// `artifacts:` end to end: prod (333333333333, eu-west-1) is in another region than the registry (us-east-1).
/// Without replicas preflight refuses the promotion (SageMaker's cross-region rule); with them the real `podium`
/// binary plans from the replicas, creates the model from the package's containers rewritten to them, and still
/// reads which version runs. Checked with boto3 (the console fixture), an independent client.
@Suite(.serialized) struct ArtifactReplicaEndToEndTests {
    static let artifacts =
        #"    artifacts: { ecr_registry: "{account}.dkr.ecr.{region}.amazonaws.com", model_data_bucket: "podium-models-{account}-{region}" }"#
    static let original = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:v3"
    static let replica = "333333333333.dkr.ecr.eu-west-1.amazonaws.com/churn:v3"

    @Test func prodInAnotherRegionDeploysFromItsReplicas() async throws {
        let config = CLITestWorld.config(prodGate: nil, extraProd: Self.artifacts)
        try await withWorld(config: config) { world in
            // The image and model data in the registry's account and region, and their replicas in prod's.
            for (account, region) in [("123456789012", "us-east-1"), ("333333333333", "eu-west-1")] {
                try await world.emulator.control(
                    "POST", "/_podium/preflight",
                    [
                        "account": account, "region": region, "images": [["repository": "churn", "tag": "v3"]],
                        "objects": [["bucket": "podium-models-\(account)-\(region)", "key": "churn/v3/model.tar.gz"]],
                    ])
            }
            let made = try await world.fixture(
                "package-with", "churn", Self.original,
                "s3://podium-models-123456789012-us-east-1/churn/v3/model.tar.gz")
            #expect(made.code == 0, "\(made.stderr)")

            // Without artifacts: refused, the rule is not weakened.
            let withReplicas = try String(contentsOfFile: world.configPath, encoding: .utf8)
            try withReplicas.replacingOccurrences(of: Self.artifacts, with: "").write(
                toFile: world.configPath, atomically: true, encoding: .utf8)
            var r = try await world.podium(["promote", "churn", "4", "--to", "prod", "--plan"])
            #expect(r.code == 3, "\(r.stderr)")
            #expect(r.stdout.contains("Cross region ECR image pulls are not allowed"), "\(r.stdout)")

            // With artifacts: the plan says where image and data come from, and preflight checks the replicas.
            try withReplicas.write(toFile: world.configPath, atomically: true, encoding: .utf8)
            r = try await world.podium(["promote", "churn", "4", "--to", "prod", "--plan"])
            #expect(r.code == 0, "\(r.stderr)\n\(r.stdout)")
            #expect(
                r.stdout.contains("replicas: image from 333333333333.dkr.ecr.eu-west-1.amazonaws.com"), "\(r.stdout)")
            #expect(r.stdout.contains("preflight: ok image \(Self.replica) — sha256:"), "\(r.stdout)")
            #expect(
                r.stdout.contains("preflight: ok model data s3://podium-models-333333333333-eu-west-1/churn/v3/"),
                "\(r.stdout)")

            r = try await world.podium(["promote", "churn", "4", "--to", "prod", "--confirm", "churn-prod"])
            #expect(r.code == 0, "\(r.stderr)\n\(r.stdout)")

            // What SageMaker holds, read with boto3: the model runs the replicas and names its package.
            let fixture = try await CLITestWorld.run(
                pythonPath.path,
                [
                    ConsoleE2EWorld.fixtureScript, world.emulator.endpoint.absoluteString, "endpoint", "333333333333",
                    "eu-west-1", "churn-prod",
                ], environment: world.environment)
            let described = try #require(
                try JSONSerialization.jsonObject(with: Data(fixture.stdout.utf8)) as? [String: Any],
                "\(fixture.stderr)")
            let variant = try #require((described["variants"] as? [[String: Any]])?.first)
            #expect(variant["image"] as? String == Self.replica)
            #expect(
                variant["model_data"] as? String == "s3://podium-models-333333333333-eu-west-1/churn/v3/model.tar.gz")
            #expect((variant["package"] as? String)?.hasSuffix("model-package/churn/4") == true, "\(variant)")

            // podium itself still tells which version runs (the container environment fallback).
            let prod = try await world.status("prod")
            #expect(prod.first?["version"] as? Int == 4, "\(prod)")
        }
    }
}
