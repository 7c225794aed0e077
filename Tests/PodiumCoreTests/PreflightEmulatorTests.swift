import AWSCore
import Foundation
import PodiumCore
import PodiumTestSupport
import Testing

/// Preflight against the emulator's preflight data (`POST /_podium/preflight`) in an environment account reached
/// through AssumeRole, as the demo world and the promotion tests will use it.
@Suite struct PreflightEmulatorTests {
    static let account = "111111111111"
    static let region = "us-east-1"

    static let seed = """
        import json, sys, urllib.request
        body = {"account": "111111111111", "region": "us-east-1",
                "images": [{"repository": "churn", "tag": "v3"}],
                "objects": [{"bucket": "podium-models-111111111111-us-east-1", "key": "churn/v3/model.tar.gz"}],
                "kms_keys": [{"alias": "alias/podium-endpoints"}, {"alias": "alias/podium-retired", "enabled": False}],
                "roles": [{"name": "sagemaker-exec", "trusts": "sagemaker.amazonaws.com"},
                          {"name": "podium-ci", "trusts": "lambda.amazonaws.com"}]}
        request = urllib.request.Request(sys.argv[1] + "/_podium/preflight", data=json.dumps(body).encode(),
                                         method="POST", headers={"Content-Type": "application/json"})
        print(urllib.request.urlopen(request).read().decode())
        """

    @Test func theEmulatorsPreflightDataPassesAndFailsAsItSays() async throws {
        let emu = try await EmulatorProcess.start()
        do {
            let seeded = try await ProcessRunner.run(
                pythonPath.path, ["-c", Self.seed, emu.endpoint.absoluteString],
                environment: ProcessInfo.processInfo.environment)
            try #require(seeded.code == 0, "seeding failed: \(seeded.stderr)")
            let data = try #require(
                try JSONSerialization.jsonObject(with: Data(seeded.stdout.utf8)) as? [String: Any])
            let image = try #require((data["images"] as? [[String: Any]])?.first)
            try await check(
                emu.endpoint, imageURI: try #require(image["uri"] as? String), digest: image["digest"] as? String)
        } catch {
            await emu.stop()
            throw error
        }
        await emu.stop()
    }

    private func check(_ endpoint: URL, imageURI: String, digest: String?) async throws {
        let roleProvider = AssumeRoleCredentialProvider(
            roleArn: "arn:aws:iam::\(Self.account):role/podium-reader", sessionName: "preflight",
            source: AWSClient.FixedCredentials(AWSCredentials(accessKeyId: "AKIDSEED", secretAccessKey: "seed")),
            sts: STSAccess(region: Self.region, endpoint: endpoint, transport: AsyncHTTPTransport.shared))
        let client = AWSClient(
            region: Self.region, credentialProvider: roleProvider, endpoints: .url(endpoint), readOnly: true)
        let role = "arn:aws:iam::\(Self.account):role/sagemaker-exec"
        let good = try await Preflight(client: client).run(
            PreflightTarget(
                account: Self.account, region: Self.region, images: [imageURI],
                modelDataURLs: ["s3://podium-models-111111111111-us-east-1/churn/v3/model.tar.gz"],
                kmsKeyId: "alias/podium-endpoints", executionRoleArn: role))
        #expect(good.checks.map(\.outcome.name) == ["passed", "passed", "passed", "passed"], "\(good.checks)")
        #expect(digest != nil && good.checks[0].outcome == .passed(detail: digest ?? ""))

        let bad = try await Preflight(client: client).run(
            PreflightTarget(
                account: Self.account, region: Self.region,
                images: [imageURI.replacingOccurrences(of: ":v3", with: ":v4")],
                modelDataURLs: ["s3://podium-models-111111111111-us-east-1/churn/v4/model.tar.gz"],
                kmsKeyId: "alias/podium-retired", executionRoleArn: "arn:aws:iam::\(Self.account):role/podium-ci"))
        #expect(bad.checks.map(\.outcome.name) == ["failed", "failed", "failed", "failed"], "\(bad.checks)")
        #expect(bad.failures.count == 4)
    }
}
