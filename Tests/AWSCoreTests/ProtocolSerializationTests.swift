import AWSCore
import Foundation
import Testing

@Suite struct ProtocolSerializationTests {
    @Test func sageMakerIsAwsJson11WithTargetAndSignedHeaders() async throws {
        let transport = RecordingTransport(script: [
            jsonReply(
                #"{"EndpointName":"churn","EndpointArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn","EndpointStatus":"InService","CreationTime":1700000000.5,"LastModifiedTime":1700000100}"#
            )
        ])
        let client = makeTestClient(transport: transport)
        let out = try await client.sageMaker.describeEndpoint(.init(endpointName: "churn"))
        #expect(out.endpointName == "churn")
        #expect(out.creationTime == Date(timeIntervalSince1970: 1_700_000_000.5))
        let request = try #require(await transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "http://127.0.0.1:4566/")
        #expect(request.header("X-Amz-Target") == "SageMaker.DescribeEndpoint")
        #expect(request.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(request.header("x-amzn-query-mode") == nil)
        #expect(request.header("X-Amz-Security-Token") == testCredentials.sessionToken)
        #expect(request.header("X-Amz-Date") == "20231114T221320Z")
        let auth = try #require(request.header("Authorization"))
        #expect(auth.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDTESTEXAMPLE/20231114/us-east-1/sagemaker/aws4_request"))
        #expect(jsonBody(request)["EndpointName"] as? String == "churn")
    }

    @Test func jsonTimestampsAreEpochSecondsAndNilMembersOmitted() async throws {
        let transport = RecordingTransport(script: [jsonReply(#"{"Endpoints":[]}"#)])
        let client = makeTestClient(transport: transport)
        _ = try await client.sageMaker.listEndpoints(
            .init(maxResults: 10, creationTimeAfter: Date(timeIntervalSince1970: 1_600_000_000.25)))
        let body = jsonBody(try #require(await transport.requests.first))
        #expect(body["CreationTimeAfter"] as? Double == 1_600_000_000.25)
        #expect(body["MaxResults"] as? Int == 10)
        #expect(body["NextToken"] == nil)
        #expect(Set(body.keys) == ["CreationTimeAfter", "MaxResults"])
    }

    @Test func cloudWatchIsAwsJson10QueryCompatible() async throws {
        let transport = RecordingTransport(script: [jsonReply(#"{"MetricDataResults":[]}"#)])
        let client = makeTestClient(transport: transport)
        let query = MetricDataQuery(
            id: "m1",
            metricStat: MetricStat(
                metric: Metric(
                    namespace: "AWS/SageMaker", metricName: "Invocations",
                    dimensions: [Dimension(name: "EndpointName", value: "churn")]), period: 60, stat: "Sum"))
        _ = try await client.cloudWatch.getMetricData(
            .init(metricDataQueries: [query], startTime: Date(timeIntervalSince1970: 0), endTime: testDate))
        let request = try #require(await transport.requests.first)
        #expect(request.header("X-Amz-Target") == "GraniteServiceVersion20100801.GetMetricData")
        #expect(request.header("Content-Type") == "application/x-amz-json-1.0")
        #expect(request.header("x-amzn-query-mode") == "true")
        #expect(request.header("Authorization")?.contains("/us-east-1/monitoring/aws4_request") == true)
        let body = jsonBody(request)
        let queries = try #require(body["MetricDataQueries"] as? [[String: Any]])
        let stat = try #require(queries.first?["MetricStat"] as? [String: Any])
        #expect(stat["Stat"] as? String == "Sum")
        #expect(body["EndTime"] as? Double == 1_700_000_000)
    }

    @Test func stsIsAwsQueryWithFormBodyAndXMLResponse() async throws {
        let transport = RecordingTransport(script: [
            xmlReply(
                """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <Credentials>
                      <AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>s3cr3t</SecretAccessKey>
                      <SessionToken>tok</SessionToken><Expiration>2026-11-27T03:00:00Z</Expiration>
                    </Credentials>
                    <AssumedRoleUser><AssumedRoleId>AROA:x</AssumedRoleId><Arn>arn:aws:sts::222222222222:assumed-role/x/s</Arn></AssumedRoleUser>
                    <PackedPolicySize>6</PackedPolicySize>
                    <SomethingNew>ignored</SomethingNew>
                  </AssumeRoleResult>
                  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
                </AssumeRoleResponse>
                """)
        ])
        let client = makeTestClient(transport: transport)
        let out = try await client.sts.assumeRole(
            .init(
                roleArn: "arn:aws:iam::222222222222:role/x", roleSessionName: "podium session/1",
                durationSeconds: 900, tags: [STSTag(key: "team", value: "ml & ops")], externalId: "ext=1"))
        #expect(out.credentials?.accessKeyId == "ASIAEXAMPLE")
        #expect(out.credentials?.expiration == AWSDateCoding.parse("2026-11-27T03:00:00Z"))
        #expect(out.assumedRoleUser?.arn == "arn:aws:sts::222222222222:assumed-role/x/s")
        #expect(out.packedPolicySize == 6)
        let request = try #require(await transport.requests.first)
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Fx"
                + "&RoleSessionName=podium%20session%2F1&DurationSeconds=900&Tags.member.1.Key=team"
                + "&Tags.member.1.Value=ml%20%26%20ops&ExternalId=ext%3D1")
        #expect(request.header("Authorization")?.contains("/sts/aws4_request") == true)
    }

    @Test func webIdentityIsSentUnsignedWithoutCredentials() async throws {
        let transport = RecordingTransport(script: [
            xmlReply(
                """
                <AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>
                <Credentials><AccessKeyId>ASIA2</AccessKeyId><SecretAccessKey>k</SecretAccessKey><SessionToken>t</SessionToken>
                <Expiration>2026-11-27T03:00:00.000Z</Expiration></Credentials>
                <SubjectFromWebIdentityToken>repo:org/app</SubjectFromWebIdentityToken>
                </AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>
                """)
        ])
        let sts = STSClient(
            region: "us-east-1", credentials: nil, endpoint: URL(string: "http://127.0.0.1:1"), transport: transport)
        let out = try await sts.assumeRoleWithWebIdentity(
            .init(roleArn: "arn:aws:iam::123456789012:role/gh", roleSessionName: "gh", webIdentityToken: "eyJ.token"))
        #expect(out.credentials?.awsCredentials.accessKeyId == "ASIA2")
        #expect(out.subjectFromWebIdentityToken == "repo:org/app")
        let request = try #require(await transport.requests.first)
        #expect(request.header("Authorization") == nil)
        #expect(request.header("X-Amz-Date") == nil)
        #expect(String(decoding: request.body, as: UTF8.self).contains("WebIdentityToken=eyJ.token"))
    }

    @Test func signedSTSCallWithoutCredentialsIsATypedError() async throws {
        let transport = RecordingTransport()
        let sts = STSClient(
            region: "us-east-1", credentials: nil, endpoint: URL(string: "http://127.0.0.1:1"), transport: transport)
        await #expect(
            throws: AWSClientError.credentialsUnavailable(
                service: "STS", operation: "GetCallerIdentity", reason: "no credentials provider configured")
        ) {
            _ = try await sts.getCallerIdentity()
        }
        #expect(await transport.requests.isEmpty)
    }

    @Test func s3GetObjectIsPathStyleOnCustomEndpointAndSignsThePayloadHash() async throws {
        let transport = RecordingTransport(script: [
            .response(
                HTTPResponse(
                    status: 200,
                    headers: [
                        ("Content-Type", "application/json"), ("ETag", "\"abc\""), ("Content-Length", "2"),
                        ("Last-Modified", "Tue, 03 Jun 2008 11:05:30 GMT"), ("x-amz-meta-Owner", "ml"),
                    ], body: Array("{}".utf8)))
        ])
        let client = makeTestClient(transport: transport)
        let out = try await client.s3.getObject(.init(bucket: "reports", key: "eval/run 1/report.json"))
        #expect(out.body == Data("{}".utf8))
        #expect(out.eTag == "\"abc\"")
        #expect(out.metadata == ["owner": "ml"])
        #expect(out.lastModified == Date(timeIntervalSince1970: 1_212_491_130))
        let request = try #require(await transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.url.absoluteString == "http://127.0.0.1:4566/reports/eval/run%201/report.json")
        #expect(
            request.header("x-amz-content-sha256")
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(request.header("Authorization")?.contains("x-amz-content-sha256") == true)
    }

    @Test func s3IsVirtualHostedOnAWS() async throws {
        let transport = RecordingTransport(script: [.response(HTTPResponse(status: 200, body: [1, 2]))])
        let client = makeTestClient(transport: transport, endpoint: nil)
        _ = try await client.s3.getObject(.init(bucket: "reports", key: "a/b.json", versionId: "v 1"))
        let request = try #require(await transport.requests.first)
        #expect(request.url.absoluteString == "https://reports.s3.us-east-1.amazonaws.com/a/b.json?versionId=v%201")
        #expect(request.header("Host") == "reports.s3.us-east-1.amazonaws.com")
    }

    @Test func defaultEndpointsFollowTheServicePrefixes() throws {
        let client = makeTestClient(transport: RecordingTransport(), endpoint: nil)
        #expect(
            try client.endpointURL(for: .sageMaker).absoluteString == "https://api.sagemaker.us-east-1.amazonaws.com")
        #expect(try client.endpointURL(for: .cloudWatch).absoluteString == "https://monitoring.us-east-1.amazonaws.com")
        #expect(try client.endpointURL(for: .sts).absoluteString == "https://sts.us-east-1.amazonaws.com")
    }
}
