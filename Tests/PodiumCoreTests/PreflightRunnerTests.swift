import AWSCore
import Foundation
import PodiumCore
import Testing

/// The preflight runner on a recording transport: what the rules decide costs no call; the rest is one read each,
/// reported in a stable order whatever order the answers come in.
@Suite struct PreflightRunnerTests {
    static func client(_ transport: RecordingTransport) -> AWSClient {
        AWSClient(
            region: "eu-west-1",
            credentialProvider: AWSClient.FixedCredentials(AWSCredentials(accessKeyId: "AKID", secretAccessKey: "s")),
            endpoints: .url(URL(string: "http://127.0.0.1:9")!), transport: transport, readOnly: true)
    }

    @Test func checksTheRulesDecideMakeNoCall() async throws {
        let transport = RecordingTransport()
        let report = try await Preflight(client: Self.client(transport)).run(
            PreflightTarget(
                account: "111111111111", region: "eu-west-1",
                images: ["111111111111.dkr.ecr.us-east-1.amazonaws.com/churn:3"],
                modelDataURLs: ["s3://models/churn/3/"]))
        #expect(report.checks.map(\.outcome.name) == ["failed", "skipped", "skipped", "skipped"])
        #expect(report.checks.map(\.subject).suffix(2) == ["-", "-"])
        #expect(report.blocks)
        #expect(await transport.requests.isEmpty)
    }

    @Test func eachOpenCheckIsOneReadInTheTargetAccount() async throws {
        let transport = RecordingTransport(fallback: { request in
            func reply(_ body: String, _ headers: [(name: String, value: String)] = []) -> RecordingTransport.Reply {
                .response(HTTPResponse(status: 200, headers: headers, body: Array(body.utf8)))
            }
            switch request.header("X-Amz-Target") {
            case "AmazonEC2ContainerRegistry_V20150921.DescribeImages":
                return reply(#"{"imageDetails":[{"imageDigest":"sha256:feed","imageTags":["3"]}]}"#)
            case "TrentService.DescribeKey":
                return reply(#"{"KeyMetadata":{"KeyId":"k","KeyState":"Enabled"}}"#)
            default:
                if request.method == "HEAD" { return reply("", [("Content-Length", "2048")]) }
                return reply(
                    "<GetRoleResponse><GetRoleResult><Role><Arn>arn:aws:iam::111111111111:role/sm</Arn>"
                        + "<AssumeRolePolicyDocument>%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22"
                        + "Principal%22%3A%7B%22Service%22%3A%22sagemaker.amazonaws.com%22%7D%2C%22Action%22%3A%22"
                        + "sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument></Role></GetRoleResult>"
                        + "</GetRoleResponse>")
            }
        })
        let report = try await Preflight(client: Self.client(transport), maxConcurrent: 2).run(
            PreflightTarget(
                account: "111111111111", region: "eu-west-1",
                images: ["111111111111.dkr.ecr.eu-west-1.amazonaws.com/team/churn:3"],
                modelDataURLs: ["s3://models/churn/3/model.tar.gz"], kmsKeyId: "alias/models",
                executionRoleArn: "arn:aws:iam::111111111111:role/sm"))
        #expect(
            report.checks.map(\.outcome) == [
                .passed(detail: "sha256:feed"), .passed(detail: "2048 bytes"), .passed(detail: "Enabled"),
                .passed(detail: "trusts sagemaker.amazonaws.com"),
            ])
        let requests = await transport.requests
        #expect(requests.count == 4)
        let ecr = try #require(requests.first { $0.header("X-Amz-Target")?.hasSuffix("DescribeImages") == true })
        let body = try #require(try JSONSerialization.jsonObject(with: Data(ecr.body)) as? [String: Any])
        #expect(body["registryId"] as? String == "111111111111")
        #expect(body["repositoryName"] as? String == "team/churn")
        let head = try #require(requests.first { $0.method == "HEAD" })
        #expect(head.url.path == "/models/churn/3/model.tar.gz")
        let iam = try #require(requests.first { String(decoding: $0.body, as: UTF8.self).contains("Action=GetRole") })
        #expect(String(decoding: iam.body, as: UTF8.self).contains("RoleName=sm"))
    }
}
