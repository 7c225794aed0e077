import AWSCore
import Foundation
import Testing

/// The wire format of the clients added for issues 12 and 13 (on a recording transport), and their writes refused
/// by read-only clients before anything is sent.
@Suite struct ServiceClientsWireTests {
    @Test func everyWriteIsRefusedByAReadOnlyClient() async throws {
        let transport = RecordingTransport()
        let aws = makeTestClient(transport: transport, readOnly: true)
        let writes: [(String, () async throws -> Void)] = [
            ("UpdateStack", { _ = try await aws.cloudFormation.updateStack(.init(stackName: "s")) }),
            ("CancelUpdateStack", { try await aws.cloudFormation.cancelUpdateStack(.init(stackName: "s")) }),
            ("PutParameter", { _ = try await aws.ssm.putParameter(.init(name: "/p", value: "v")) }),
            ("CreateLogGroup", { try await aws.cloudWatchLogs.createLogGroup(.init(logGroupName: "g")) }),
            (
                "PutLogEvents",
                {
                    _ = try await aws.cloudWatchLogs.putLogEvents(
                        .init(logGroupName: "g", logStreamName: "s", logEvents: [.init(timestamp: 1, message: "m")]))
                }
            ),
        ]
        for (name, call) in writes {
            await #expect("\(name)") {
                try await call()
            } throws: { error in
                guard case .readOnlyRefused(_, let operation) = error as? AWSClientError else { return false }
                return operation == name
            }
        }
        #expect(await transport.requests.isEmpty)
        let declared = CloudFormationClient.Operation.all + SSMClient.Operation.all + CloudWatchLogsClient.Operation.all
        #expect(
            Set(declared.filter { $0.access == .write }.map(\.name)) == [
                "UpdateStack", "CancelUpdateStack", "PutParameter", "CreateLogGroup", "CreateLogStream", "PutLogEvents",
            ])
        let reads =
            ECRClient.Operation.all + KMSClient.Operation.all + IAMClient.Operation.all
            + EventBridgeClient.Operation.all + [S3Client.headObjectOperation]
        #expect(reads.allSatisfy { $0.access == .read })
    }

    @Test func updateStackIsAQueryWithListMembersAndAnEmptyResultIsAccepted() async throws {
        let transport = RecordingTransport(script: [
            xmlReply(
                "<UpdateStackResponse><UpdateStackResult><StackId>arn:aws:cloudformation:us-east-1:1:stack/s/x</StackId>"
                    + "</UpdateStackResult></UpdateStackResponse>"),
            xmlReply("<CancelUpdateStackResponse><ResponseMetadata/></CancelUpdateStackResponse>"),
        ])
        let cf = makeTestClient(transport: transport).cloudFormation
        let out = try await cf.updateStack(
            .init(
                stackName: "churn-prod-stack", usePreviousTemplate: true,
                parameters: [
                    .init(
                        parameterKey: "ModelPackageArn",
                        parameterValue: "arn:aws:sagemaker:us-east-1:1:model-package/churn/4"),
                    .init(parameterKey: "InstanceType", usePreviousValue: true),
                ], capabilities: ["CAPABILITY_IAM"]))
        #expect(out.stackId == "arn:aws:cloudformation:us-east-1:1:stack/s/x")
        try await cf.cancelUpdateStack(.init(stackName: "churn-prod-stack"))
        let requests = await transport.requests
        let form = String(decoding: requests[0].body, as: UTF8.self)
        for pair in [
            "Action=UpdateStack", "Version=2010-05-15", "StackName=churn-prod-stack", "UsePreviousTemplate=true",
            "Parameters.member.1.ParameterKey=ModelPackageArn",
            "Parameters.member.1.ParameterValue=arn%3Aaws%3Asagemaker%3Aus-east-1%3A1%3Amodel-package%2Fchurn%2F4",
            "Parameters.member.2.UsePreviousValue=true", "Capabilities.member.1=CAPABILITY_IAM",
        ] {
            #expect(form.split(separator: "&").contains(Substring(pair)), "\(pair) in \(form)")
        }
        #expect(requests[0].header("Authorization")?.contains("/us-east-1/cloudformation/aws4_request") == true)
        #expect(String(decoding: requests[1].body, as: UTF8.self).contains("Action=CancelUpdateStack"))
    }

    @Test(arguments: [
        ("ECR", "AmazonEC2ContainerRegistry_V20150921.DescribeImages", "/ecr/aws4_request"),
        ("KMS", "TrentService.DescribeKey", "/kms/aws4_request"),
        ("SSM", "AmazonSSM.GetParameter", "/ssm/aws4_request"),
        ("EventBridge", "AWSEvents.ListRules", "/events/aws4_request"),
    ])
    func jsonServicesSendTheirTargetAndSigningName(service: String, target: String, scope: String) async throws {
        let transport = RecordingTransport(script: [jsonReply("{}")])
        let aws = makeTestClient(transport: transport)
        switch service {
        case "ECR":
            _ = try await aws.ecr.describeImages(.init(repositoryName: "churn", imageIds: [.init(imageTag: "v1")]))
        case "KMS": _ = try await aws.kms.describeKey(.init(keyId: "alias/models"))
        case "SSM": _ = try await aws.ssm.getParameter(.init(name: "/models/churn/prod"))
        default: _ = try await aws.eventBridge.listRules(.init(namePrefix: "podium"))
        }
        let request = try #require(await transport.requests.first)
        #expect(request.header("X-Amz-Target") == target)
        #expect(request.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(request.header("Authorization")?.contains(scope) == true)
        if service == "ECR" {
            let ids = jsonBody(request)["imageIds"] as? [[String: String]]
            #expect(ids == [["imageTag": "v1"]])
        }
    }
}
