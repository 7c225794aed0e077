import AWSCore
import Foundation
import Testing

@Suite struct ErrorDecodingTests {
    func decode(_ status: Int, _ body: String, headers: [(name: String, value: String)] = []) -> AWSServiceError {
        AWSErrorDecoder.decode(
            HTTPResponse(status: status, headers: headers, body: Array(body.utf8)), service: "SageMaker",
            operation: "DescribeEndpoint")
    }

    @Test func jsonTypeWithNamespaceAndSuffixIsStripped() {
        let error = decode(
            400,
            #"{"__type":"com.amazonaws.sagemaker#ValidationException:http://internal.amazon.com/","message":"bad"}"#,
            headers: [("x-amzn-RequestId", "req-1")])
        #expect(error.code == "ValidationException")
        #expect(error.message == "bad")
        #expect(error.requestId == "req-1")
        #expect(error.httpStatus == 400)
        #expect(!error.isRetryable)
        #expect(!error.isThrottling)
    }

    @Test func jsonCodeFieldAndCapitalisedMessage() {
        let error = decode(400, #"{"code":"ThrottlingException","Message":"Rate exceeded"}"#)
        #expect(error.code == "ThrottlingException")
        #expect(error.message == "Rate exceeded")
        #expect(error.isThrottling)
        #expect(error.isRetryable)
    }

    @Test func errorTypeHeaderWhenBodyHasNoCode() {
        let error = decode(
            404, #"{"message":"Could not find endpoint"}"#,
            headers: [("X-Amzn-ErrorType", "ResourceNotFound:http://internal.amazon.com/")])
        #expect(error.code == "ResourceNotFound")
        #expect(error.message == "Could not find endpoint")
    }

    @Test func queryErrorHeaderWins() {
        let error = AWSErrorDecoder.decode(
            HTTPResponse(
                status: 400, headers: [("x-amzn-query-error", "InvalidParameterValue;Sender")],
                body: Array(#"{"__type":"com.amazonaws.cloudwatch#InvalidParameterValueException","message":"m"}"#.utf8)
            ),
            service: "CloudWatch", operation: "GetMetricData")
        #expect(error.code == "InvalidParameterValue")
        #expect(error.service == "CloudWatch")
    }

    @Test func queryXMLErrorResponse() {
        let error = decode(
            403,
            """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>
              <Message>The request signature we calculated does not match the signature you provided.</Message></Error>
              <RequestId>abc-123</RequestId>
            </ErrorResponse>
            """, headers: [("Content-Type", "text/xml")])
        #expect(error.code == "SignatureDoesNotMatch")
        #expect(error.requestId == "abc-123")
        #expect(error.message?.hasPrefix("The request signature") == true)
        #expect(error.isCredentialError)
        #expect(error.description.contains("secret access key"))
    }

    @Test func motoIAMDenialSentAsHTMLToAJSONService() {
        let error = decode(
            403,
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <ErrorResponse>
              <Errors>
                <Error>
                  <Code>AccessDenied</Code>
                  <Message>User: arn:aws:iam::123456789012:user/ro is not authorized to perform: sagemaker:UpdateModelPackage</Message>
                </Error>
              </Errors>
              <RequestID>7a62c49f</RequestID>
            </ErrorResponse>
            """, headers: [("Content-Type", "text/html; charset=utf-8")])
        #expect(error.code == "AccessDenied")
        #expect(error.requestId == "7a62c49f")
        #expect(error.isAccessDenied)
        #expect(!error.isRetryable)
        #expect(error.message?.contains("sagemaker:UpdateModelPackage") == true)
    }

    @Test func s3XMLError() {
        let error = decode(
            404,
            "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>r9</RequestId></Error>"
        )
        #expect(error.code == "NoSuchKey")
        #expect(error.requestId == "r9")
    }

    @Test func htmlAndEmpty5xxBodiesGetStatusCodes() {
        let html = decode(502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
        #expect(html.code == "HTTP502")
        #expect(html.message == "HTML page: 502 Bad Gateway")
        #expect(html.isRetryable)
        let empty = decode(503, "")
        #expect(empty.code == "HTTP503")
        #expect(empty.message == "empty response body")
        #expect(empty.isRetryable)
        #expect(empty.description.contains("HTTP 503"))
        let broken = decode(500, "<html><body>unclosed")
        #expect(broken.code == "HTTP500")
        #expect(broken.message == "non-AWS HTML response")
    }

    @Test func hostileControlCharactersAreRemoved() {
        let error = decode(400, "{\"__type\":\"Bad\\u001b[2J\",\"message\":\"evil\\u001b]0;title\\u0007 text\"}")
        #expect(error.code == "Bad[2J")
        #expect(error.message == "evil]0;title text")
    }

    @Test(arguments: [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ])
    func botocoreThrottlingCodes(code: String) {
        let error = AWSServiceError(service: "S", operation: "O", code: code, httpStatus: 400)
        #expect(error.isThrottling)
        #expect(error.isRetryable)
    }

    @Test func transientCodesAndStatuses() {
        for code in ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"] {
            #expect(AWSServiceError(service: "S", operation: "O", code: code, httpStatus: 400).isRetryable)
        }
        for status in [500, 502, 503, 504] {
            #expect(AWSServiceError(service: "S", operation: "O", code: "X", httpStatus: status).isRetryable)
        }
        for status in [400, 403, 404, 501, 505] {
            #expect(!AWSServiceError(service: "S", operation: "O", code: "X", httpStatus: status).isRetryable)
        }
        #expect(
            AWSServiceError(service: "STS", operation: "O", code: "IDPCommunicationError", httpStatus: 400).isRetryable)
        #expect(
            !AWSServiceError(service: "SageMaker", operation: "O", code: "IDPCommunicationError", httpStatus: 400)
                .isRetryable)
    }
}
