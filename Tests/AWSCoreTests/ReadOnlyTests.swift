import AWSCore
import Foundation
import Testing

@Suite struct ReadOnlyTests {
    @Test func everyOperationDeclaresItsAccess() {
        let writes =
            (SageMakerClient.Operation.all + CloudWatchClient.Operation.all + STSClient.Operation.all
            + S3Client.Operation.all).filter { $0.access == .write }.map(\.name)
        #expect(
            Set(writes) == [
                "UpdateModelPackage", "CreateModel", "CreateEndpointConfig", "CreateEndpoint", "UpdateEndpoint",
                "UpdateEndpointWeightsAndCapacities", "AddTags",
            ])
        #expect(SageMakerClient.Operation.all.count == 17)
    }

    @Test func readOnlyClientRefusesWritesBeforeSendingAnything() async throws {
        let transport = RecordingTransport.json("{}")
        let capture = LogCapture()
        let client = makeTestClient(transport: transport, readOnly: true, logger: capture.logger())
        let sm = client.sageMaker
        let calls: [(String, @Sendable () async throws -> Void)] = [
            (
                "UpdateModelPackage",
                { _ = try await sm.updateModelPackage(.init(modelPackageArn: "arn", modelApprovalStatus: "Approved")) }
            ),
            ("CreateModel", { _ = try await sm.createModel(.init(modelName: "m")) }),
            (
                "CreateEndpointConfig",
                { _ = try await sm.createEndpointConfig(.init(endpointConfigName: "c", productionVariants: [])) }
            ),
            ("CreateEndpoint", { _ = try await sm.createEndpoint(.init(endpointName: "e", endpointConfigName: "c")) }),
            ("UpdateEndpoint", { _ = try await sm.updateEndpoint(.init(endpointName: "e", endpointConfigName: "c")) }),
            ("AddTags", { _ = try await sm.addTags(.init(resourceArn: "arn", tags: [Tag(key: "k", value: "v")])) }),
        ]
        for (name, call) in calls {
            await #expect(throws: AWSClientError.readOnlyRefused(service: "SageMaker", operation: name)) {
                try await call()
            }
        }
        #expect(await transport.requests.isEmpty)
        let message = AWSClientError.readOnlyRefused(service: "SageMaker", operation: "UpdateEndpoint").description
        #expect(message.contains("read-only"))
        #expect(message.contains("Nothing was sent"))
        // Reads still go through.
        _ = try await sm.listTags(.init(resourceArn: "arn"))
        #expect(await transport.requests.count == 1)
        #expect(capture.text.contains("read-only"))
    }

    @Test func readWriteClientSendsWrites() async throws {
        let transport = RecordingTransport.json(#"{"ModelPackageArn":"arn:mp"}"#)
        let client = makeTestClient(transport: transport, readOnly: false)
        let out = try await client.sageMaker.updateModelPackage(
            .init(modelPackageArn: "arn:mp", modelApprovalStatus: "Approved"))
        #expect(out.modelPackageArn == "arn:mp")
        #expect(await transport.operations == ["UpdateModelPackage"])
    }
}
