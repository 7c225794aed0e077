import Foundation
import Testing

@testable import AWSCore

/// A body that is not what the protocol says is "cut short / not AWS"; a well-formed body with a member of the
/// wrong type names the operation and the member's path and does not blame the connection.
@Suite struct TolerantDecodingErrorTests {
    private func describeEndpointError(_ body: String) async -> AWSClientError? {
        let client = makeTestClient(transport: RecordingTransport(script: [jsonReply(body)]))
        do {
            _ = try await client.sageMaker.describeEndpoint(.init(endpointName: "e"))
            return nil
        } catch {
            return error as? AWSClientError
        }
    }

    @Test func aMemberOfTheWrongTypeIsNamedWithItsPath() async throws {
        let error = await describeEndpointError(
            #"{"EndpointName":"e","ProductionVariants":[{"VariantName":"a","CurrentWeight":"heavy"}]}"#)
        guard case .unexpectedResponseValue(let service, let operation, 200, let member, let reason) = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(service == "SageMaker" && operation == "DescribeEndpoint")
        #expect(member == "ProductionVariants[0].CurrentWeight")
        #expect(reason == "is not a number")
        let text = try #require(error).description
        #expect(text.contains("DescribeEndpoint") && text.contains("ProductionVariants[0].CurrentWeight"))
        #expect(!text.contains("cut short") && !text.contains("connection"))
    }

    @Test func aListOfTheWrongTypeIsNamed() async throws {
        let error = await describeEndpointError(#"{"EndpointName":"e","ProductionVariants":{"VariantName":"a"}}"#)
        guard case .unexpectedResponseValue(_, _, _, "ProductionVariants", let reason) = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(reason == "is not a list")
    }

    @Test func anUnreadableTimestampIsAValueErrorNotATransportOne() async throws {
        let error = await describeEndpointError(#"{"EndpointName":"e","CreationTime":"last tuesday"}"#)
        guard case .unexpectedResponseValue(_, _, _, let member, let reason) = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(member == "CreationTime")
        #expect(reason.contains("last tuesday"))
    }

    @Test(arguments: [#"{"EndpointName":"e","#, "<html>proxy login</html>", "[1,2]"])
    func aBodyThatIsNotAJSONObjectMayHaveBeenCutShort(body: String) async throws {
        let error = await describeEndpointError(body)
        guard case .undecodableResponse(_, "DescribeEndpoint", 200, _) = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(try #require(error).description.contains("cut short"))
    }

    @Test func anXMLMemberWithAnUnreadableValueIsNamed() async throws {
        let xml = """
            <AssumeRoleResponse><AssumeRoleResult><PackedPolicySize>lots</PackedPolicySize></AssumeRoleResult>
            </AssumeRoleResponse>
            """
        let client = makeTestClient(transport: RecordingTransport(script: [xmlReply(xml)]))
        do {
            _ = try await client.sts.assumeRole(.init(roleArn: "arn:aws:iam::1:role/r", roleSessionName: "s"))
            Issue.record("expected an error")
        } catch let error as AWSClientError {
            guard case .unexpectedResponseValue(_, "AssumeRole", _, "PackedPolicySize", _) = error else {
                Issue.record("wrong error \(error)")
                return
            }
        }
    }

    @Test func truncatedXMLMayHaveBeenCutShort() async throws {
        let client = makeTestClient(
            transport: RecordingTransport(script: [xmlReply("<GetCallerIdentityResponse><GetCallerIdentityRes")]))
        do {
            _ = try await client.sts.getCallerIdentity()
            Issue.record("expected an error")
        } catch let error as AWSClientError {
            guard case .undecodableResponse(_, "GetCallerIdentity", _, _) = error else {
                Issue.record("wrong error \(error)")
                return
            }
        }
    }

    @Test func aMissingValueNamesTheOperationAndTheField() {
        let error = AWSClientError.missingValue(
            service: "SageMaker", operation: "DescribeEndpoint", field: "EndpointConfigName")
        #expect(error.operation == "DescribeEndpoint")
        #expect(
            error.description == "SageMaker DescribeEndpoint answered without EndpointConfigName, which is needed here."
        )
    }

    /// Stock moto answers an operation it lacks (UpdateEndpoint) with werkzeug's HTML 500 page: the message says which
    /// call, what came back, and that a stand-in may not implement it, without a doubled `HTTP500 (HTTP 500)`.
    @Test func werkzeugsInternalErrorPageIsNamed() {
        let page = """
            <!doctype html>
            <html lang=en>
            <title>500 Internal Server Error</title>
            <h1>Internal Server Error</h1>
            """
        let error = AWSErrorDecoder.decode(
            HTTPResponse(status: 500, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(page.utf8)),
            service: "SageMaker", operation: "UpdateEndpoint")
        #expect(error.code == "HTTP500" && !error.hasAWSCode)
        #expect(error.message == "HTML page: 500 Internal Server Error")
        #expect(
            error.description.hasPrefix(
                "SageMaker UpdateEndpoint failed: HTTP 500: HTML page: 500 Internal Server Error. The answer carries no "
                    + "AWS error code"))
        #expect(error.description.contains("may not implement UpdateEndpoint"))
    }

    /// AssumeRole's keys are what the credential provider needs: zero-filled (empty) keys fail there, naming the field.
    @Test func emptyKeysAreRefusedByTheProvider() async throws {
        let xml = """
            <AssumeRoleResponse><AssumeRoleResult><Credentials><SessionToken>t</SessionToken></Credentials>
            </AssumeRoleResult></AssumeRoleResponse>
            """
        let transport = RecordingTransport(script: [xmlReply(xml)])
        let provider = AssumeRoleCredentialProvider(
            roleArn: "arn:aws:iam::222222222222:role/deployer", sessionName: "s",
            source: AWSClient.FixedCredentials(testCredentials),
            sts: STSAccess(region: "us-east-1", endpoint: URL(string: "http://127.0.0.1:4566"), transport: transport))
        do {
            let credentials = try await provider.getCredentials()
            Issue.record("empty keys were accepted: \(credentials)")
        } catch let error as CredentialProviderError {
            #expect(
                error
                    == .roleAssumptionFailed(
                        roleArn: "arn:aws:iam::222222222222:role/deployer", operation: "AssumeRole",
                        reason:
                            "STS AssumeRole answered without Credentials.AccessKeyId and Credentials.SecretAccessKey"))
        }
    }

    /// Stock moto labels CloudWatch's awsJson answers `Content-Type: text`; the client reads the body by protocol, so
    /// the emulator's header fix is cosmetic, not a smoothing the client depends on.
    @Test func anAnswerLabelledTextIsReadAsJSON() async throws {
        let body = #"{"MetricAlarms":[{"AlarmName":"churn-dev-5xx","StateValue":"ALARM"}],"CompositeAlarms":[]}"#
        let reply = RecordingTransport.Reply.response(
            HTTPResponse(status: 200, headers: [("Content-Type", "text")], body: Array(body.utf8)))
        let client = makeTestClient(transport: RecordingTransport(script: [reply]))
        let alarms = try await client.cloudWatch.describeAlarms(.init(alarmNames: ["churn-dev-5xx"]))
        #expect(alarms.metricAlarms?.first?.stateValue == "ALARM")
    }
}
