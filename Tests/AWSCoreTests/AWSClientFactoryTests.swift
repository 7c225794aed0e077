import AWSCore
import Foundation
import Testing

@Suite struct AWSClientFactoryTests {
    func client(_ variables: [String: String], transport: RecordingTransport) -> AWSClient {
        AWSClient(
            region: "eu-west-1", credentialProvider: AWSClient.FixedCredentials(testCredentials),
            endpoints: .configured(
                EndpointResolver(environment: AWSEnvironment(variables: variables, homeDirectory: nil))),
            transport: transport, readOnly: true, sleeper: RecordingSleeper(), now: { testDate })
    }

    @Test func standardEndpointsAndVirtualHostedS3() async throws {
        let transport = RecordingTransport.json(#"{"Endpoints":[]}"#)
        let aws = client([:], transport: transport)
        _ = try await aws.sageMaker.listEndpoints()
        _ = try await aws.s3.getObject(.init(bucket: "reports", key: "r.json"))
        let urls = await transport.requests.map(\.url.absoluteString)
        #expect(
            urls == [
                "https://api.sagemaker.eu-west-1.amazonaws.com/", "https://reports.s3.eu-west-1.amazonaws.com/r.json",
            ])
        #expect(await transport.requests.first?.header("Authorization")?.contains("/eu-west-1/sagemaker/") == true)
    }

    @Test func configuredEndpointsOverrideAndS3GoesPathStyle() async throws {
        let transport = RecordingTransport.json("{}")
        let aws = client(
            ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_ENDPOINT_URL_SAGEMAKER": "http://127.0.0.1:6000"],
            transport: transport)
        _ = try await aws.sageMaker.listTags(.init(resourceArn: "arn"))
        _ = try await aws.cloudWatch.describeAlarms()
        _ = try await aws.s3.getObject(.init(bucket: "reports", key: "r.json"))
        let urls = await transport.requests.map(\.url.absoluteString)
        #expect(urls == ["http://127.0.0.1:6000/", "http://127.0.0.1:5000/", "http://127.0.0.1:5000/reports/r.json"])
    }

    @Test func invalidRegionIsATypedErrorAndNothingIsSent() async throws {
        let transport = RecordingTransport.json("{}")
        let aws = AWSClient(
            region: "not a region", credentialProvider: AWSClient.FixedCredentials(testCredentials),
            endpoints: .configured(EndpointResolver(environment: AWSEnvironment(variables: [:], homeDirectory: nil))),
            transport: transport, readOnly: true)
        do {
            _ = try await aws.sageMaker.listEndpoints()
            Issue.record("expected an error")
        } catch let error as AWSClientError {
            guard case .invalidRequest(_, "ListEndpoints", _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
        #expect(await transport.requests.isEmpty)
    }

    @Test func withKeepsTheTransportAndChangesTheFlags() async throws {
        let transport = RecordingTransport.json(#"{"ModelPackageArn":"a"}"#)
        let readWrite = makeTestClient(transport: transport, readOnly: false)
        let readOnly = readWrite.with(readOnly: true)
        await #expect(throws: AWSClientError.readOnlyRefused(service: "SageMaker", operation: "UpdateModelPackage")) {
            _ = try await readOnly.sageMaker.updateModelPackage(.init(modelPackageArn: "a"))
        }
        _ = try await readWrite.sageMaker.updateModelPackage(.init(modelPackageArn: "a"))
        #expect(await transport.requests.count == 1)
        #expect(readWrite.with(region: "eu-central-1").region == "eu-central-1")
    }
}
