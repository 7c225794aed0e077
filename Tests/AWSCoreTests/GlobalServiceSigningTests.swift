import AWSCore
import Foundation
import Testing

/// IAM is global: one host per partition and a fixed signing region, whatever region the client is in.
@Suite struct GlobalServiceSigningTests {
    @Test(arguments: [
        ("eu-west-1", "https://iam.amazonaws.com", "us-east-1"),
        ("us-east-1", "https://iam.amazonaws.com", "us-east-1"),
        ("cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        ("us-gov-east-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"),
    ])
    func iamGoesToThePartitionsGlobalHost(region: String, host: String, signingRegion: String) async throws {
        let transport = RecordingTransport(script: [
            xmlReply(
                "<GetRoleResponse><GetRoleResult><Role><RoleName>r</RoleName><Arn>arn:aws:iam::1:role/r</Arn>"
                    + "<AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument>"
                    + "</Role></GetRoleResult></GetRoleResponse>")
        ])
        let aws = AWSClient(
            region: region, credentialProvider: AWSClient.FixedCredentials(testCredentials), endpoints: .standard,
            transport: transport, readOnly: true, now: { testDate })
        let role = try await aws.iam.getRole(.init(roleName: "r")).role
        #expect(role.trustPolicy == #"{"Version":"2012-10-17"}"#)
        let request = try #require(await transport.requests.first)
        #expect(request.url.absoluteString == host + "/")
        #expect(request.header("Authorization")?.contains("/\(signingRegion)/iam/aws4_request") == true)
        #expect(String(decoding: request.body, as: UTF8.self).contains("Action=GetRole&Version=2010-05-08"))
    }

    @Test func aCustomEndpointIsKeptButStillSignedForTheGlobalRegion() async throws {
        let transport = RecordingTransport(script: [xmlReply("<GetRoleResponse><GetRoleResult/></GetRoleResponse>")])
        let aws = makeTestClient(transport: transport).with(region: "ap-southeast-2")
        _ = try await aws.iam.getRole(.init(roleName: "r"))
        let request = try #require(await transport.requests.first)
        #expect(request.url.absoluteString == "http://127.0.0.1:4566/")
        #expect(request.header("Authorization")?.contains("/us-east-1/iam/aws4_request") == true)
    }

    @Test func regionalServicesAreUnchanged() {
        #expect(AWSServiceDescription.ecr.signingRegion(forClientRegion: "eu-west-1") == "eu-west-1")
        #expect(AWSServiceDescription.ecr.globalEndpoint(forClientRegion: "eu-west-1") == nil)
        #expect(AWSServiceDescription.all.count == Set(AWSServiceDescription.all.map(\.serviceId)).count)
    }

    @Test func theConfiguredResolverAlsoUsesTheGlobalHost() throws {
        let resolver = EndpointResolver(environment: AWSEnvironment(variables: [:], homeDirectory: nil))
        let resolved = try resolver.resolve(AWSServiceDescription.iam, region: "eu-west-1")
        #expect(resolved.url.absoluteString == "https://iam.amazonaws.com")
        #expect(resolved.signingRegion == "us-east-1")
        let configured = EndpointResolver(
            environment: AWSEnvironment(
                variables: ["AWS_ENDPOINT_URL_IAM": "http://127.0.0.1:5000"], homeDirectory: nil))
        #expect(
            try configured.resolve(AWSServiceDescription.iam, region: "eu-west-1").url.absoluteString
                == "http://127.0.0.1:5000")
    }
}

/// Access denials name the IAM action as IAM spells it.
@Suite struct IAMActionNamingTests {
    @Test(arguments: [
        ("CloudWatch Logs", "FilterLogEvents", "logs:FilterLogEvents"),
        ("EventBridge", "ListRules", "events:ListRules"),
        ("S3", "HeadObject", "s3:GetObject"),
        ("S3", "GetObject", "s3:GetObject"),
        ("ECR", "DescribeImages", "ecr:DescribeImages"),
        ("CloudFormation", "DescribeStacks", "cloudformation:DescribeStacks"),
        ("SageMaker", "DescribeEndpoint", "sagemaker:DescribeEndpoint"),
    ])
    func deniedActionsAreNamedAsIAMDoes(service: String, operation: String, action: String) {
        let error = AWSServiceError(
            service: service, operation: operation, code: "AccessDeniedException", message: nil, requestId: nil,
            httpStatus: 400)
        #expect(error.iamAction == action)
    }
}
