import AWSCore
import Foundation
import Testing

@Suite struct ShapeDecodingTests {
    @Test func unknownMembersAreIgnoredAndUnknownEnumValuesKept() throws {
        let json = #"""
            {"EndpointName":"e","EndpointArn":"arn","EndpointStatus":"SomeFutureStatus","CreationTime":1,
             "LastModifiedTime":"2026-11-27T02:00:00.123456","BrandNewMember":{"x":[1,2]},
             "ProductionVariants":[{"VariantName":"AllTraffic","CurrentWeight":1.0,"CurrentInstanceCount":2,
               "DesiredInstanceCount":2,"DeployedImages":[{"SpecifiedImage":"img:1","ResolutionTime":1700000000}]}],
             "PendingDeploymentSummary":{"EndpointConfigName":"cfg-2","StartTime":1700000001},
             "LastDeploymentConfig":{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"CANARY",
               "WaitIntervalInSeconds":300,"CanarySize":{"Type":"CAPACITY_PERCENT","Value":10}}},
               "AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"p99"}]}}}
            """#
        let out = try AWSDateCoding.jsonDecoder().decode(DescribeEndpointOutput.self, from: Data(json.utf8))
        #expect(out.endpointStatus == "SomeFutureStatus")
        #expect(out.lastModifiedTime == AWSDateCoding.parse("2026-11-27T02:00:00.123456Z"))
        #expect(out.productionVariants?.first?.currentInstanceCount == 2)
        #expect(out.productionVariants?.first?.deployedImages?.first?.specifiedImage == "img:1")
        #expect(out.pendingDeploymentSummary?.endpointConfigName == "cfg-2")
        let routing = out.lastDeploymentConfig?.blueGreenUpdatePolicy?.trafficRoutingConfiguration
        #expect(routing?.type == "CANARY")
        #expect(routing?.canarySize?.value == 10)
        #expect(out.lastDeploymentConfig?.autoRollbackConfiguration?.alarms?.first?.alarmName == "p99")
    }

    @Test(arguments: [
        ("1700000000", 1_700_000_000.0),
        ("1700000000.25", 1_700_000_000.25),
        ("2023-11-14T22:13:20Z", 1_700_000_000.0),
        ("2023-11-14T22:13:20.500Z", 1_700_000_000.5),
        ("2023-11-14T22:13:20", 1_700_000_000.0),
        ("2023-11-14 22:13:20.000000+00:00", 1_700_000_000.0),
        ("2023-11-15T00:13:20+02:00", 1_700_000_000.0),
        ("Tue, 14 Nov 2023 22:13:20 GMT", 1_700_000_000.0),
    ])
    func timestampFormats(text: String, seconds: Double) {
        #expect(AWSDateCoding.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test func unreadableTimestampsAreRejected() {
        #expect(AWSDateCoding.parse("yesterday") == nil)
        #expect(AWSDateCoding.parse("2023-11-14T22:13:20Zjunk") == nil)
    }

    @Test func iso8601Formatting() {
        #expect(AWSDateCoding.iso8601String(Date(timeIntervalSince1970: 1_700_000_000)) == "2023-11-14T22:13:20Z")
        #expect(
            AWSDateCoding.iso8601String(Date(timeIntervalSince1970: 1_700_000_000.25)) == "2023-11-14T22:13:20.250Z")
    }

    @Test func modelPackageMembersPodiumNeeds() throws {
        let json = #"""
            {"ModelPackageName":"churn","ModelPackageArn":"arn:mp/churn/3","ModelPackageVersion":3,"CreationTime":1,
             "ModelPackageStatus":"Completed","ModelApprovalStatus":"PendingManualApproval",
             "ModelPackageStatusDetails":{"ValidationStatuses":[]},
             "ApprovalDescription":"ok","CreatedBy":{"UserProfileName":"ana","IamIdentity":{"Arn":"arn:iam"}},
             "LastModifiedTime":2,"LastModifiedBy":{"UserProfileName":"bo"},
             "ModelMetrics":{"ModelQuality":{"Statistics":{"ContentType":"application/json","S3Uri":"s3://b/k"}}},
             "MetadataProperties":{"CommitId":"abc123","Repository":"git@x"},
             "CustomerMetadataProperties":{"auc":"0.91"},
             "InferenceSpecification":{"Containers":[{"Image":"img@sha256:1","ModelDataUrl":"s3://b/m.tar.gz"}],
               "SupportedRealtimeInferenceInstanceTypes":["ml.m5.large"]},
             "ModelPackageDescription":"desc"}
            """#
        let out = try AWSDateCoding.jsonDecoder().decode(DescribeModelPackageOutput.self, from: Data(json.utf8))
        #expect(out.modelApprovalStatus == "PendingManualApproval")
        #expect(out.createdBy?.iamIdentity?.arn == "arn:iam")
        #expect(out.modelMetrics?.modelQuality?.statistics?.s3Uri == "s3://b/k")
        #expect(out.metadataProperties?.commitId == "abc123")
        #expect(out.customerMetadataProperties?["auc"] == "0.91")
        #expect(out.inferenceSpecification?.containers.first?.image == "img@sha256:1")
        #expect(out.modelPackageDescription == "desc")
    }

    @Test func missingRequiredMemberDecodesToItsZeroValue() async throws {
        let transport = RecordingTransport(script: [jsonReply(#"{"EndpointName":"e","DataCaptureConfig":{}}"#)])
        let client = makeTestClient(transport: transport)
        let out = try await client.sageMaker.describeEndpoint(.init(endpointName: "e"))
        #expect(out.endpointName == "e")
        #expect(out.endpointArn == "")
        #expect(out.dataCaptureConfig?.enableCapture == false)
    }
}
