import Foundation

/// An error response from an AWS service (or the emulator): the service understood the request and said no.
public struct AWSServiceError: Error, Sendable, Equatable {
    /// The service's id, e.g. `SageMaker`, `CloudWatch`, `STS`, `S3`.
    public var service: String
    /// The operation that failed, e.g. `UpdateModelPackage`.
    public var operation: String
    /// The error code, e.g. `AccessDenied`, `ThrottlingException`, `ValidationException`, or `HTTP503` when the
    /// body carried none.
    public var code: String
    /// The service's message, if any.
    public var message: String?
    /// The request id (`x-amzn-RequestId`, `x-amz-request-id` or the body's `RequestId`).
    public var requestId: String?
    /// The HTTP status code.
    public var httpStatus: Int
    /// Whether the code is one of the throttling codes of the SDKs' standard retry mode.
    public var isThrottling: Bool
    /// Whether the standard retry mode would retry it (throttling, transient code or 500/502/503/504).
    public var isRetryable: Bool
    /// Whether this is the answer to a retry, after an earlier attempt of the same call was sent and never answered
    /// (it timed out, or the connection closed): that attempt may have been carried out, so for a write this error
    /// may describe the effect of the request itself (a retried UpdateEndpoint answered "Cannot update in-progress
    /// endpoint"). botocore retries such attempts for every operation too (`retries/standard.py`: ReadTimeoutError
    /// is an HTTPClientError, a transient error); only the caller can re-read the state to find out.
    public var afterUnansweredAttempt = false

    /// Creates an error; `isThrottling` and `isRetryable` are derived from the code and status unless given.
    public init(
        service: String, operation: String, code: String, message: String? = nil, requestId: String? = nil,
        httpStatus: Int, isThrottling: Bool? = nil, isRetryable: Bool? = nil
    ) {
        self.service = service
        self.operation = operation
        self.code = code
        self.message = message
        self.requestId = requestId
        self.httpStatus = httpStatus
        let throttling = isThrottling ?? RetryPolicy.throttlingCodes.contains(code)
        self.isThrottling = throttling
        self.isRetryable =
            isRetryable
            ?? (throttling || RetryPolicy.transientCodes.contains(code)
                || RetryPolicy.transientStatuses.contains(httpStatus)
                || (service == "STS" && code == "IDPCommunicationError"))
    }

    /// Whether the caller lacks permission (`AccessDenied`, `AccessDeniedException`, `UnauthorizedOperation`).
    public var isAccessDenied: Bool {
        ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess"].contains(code)
    }

    /// The IAM action an access-denied answer is about, e.g. `sagemaker:UpdateModelPackage`: the service id in
    /// lower case is the IAM prefix of every service podium calls (S3's denials never name the action themselves).
    public var iamAction: String { AWSServiceDescription.iamAction(serviceId: service, operation: operation) }

    /// Whether the credentials themselves were rejected (bad signature, unknown key, expired token).
    public var isCredentialError: Bool {
        [
            "SignatureDoesNotMatch", "InvalidClientTokenId", "UnrecognizedClientException", "ExpiredToken",
            "ExpiredTokenException", "InvalidAccessKeyId", "IncompleteSignature", "MissingAuthenticationToken",
            "RequestExpired",
        ].contains(code)
    }
}

extension AWSServiceError: CustomStringConvertible, LocalizedError {
    /// What failed, the service's words, and what to do about it.
    public var description: String {
        var text =
            "\(service) \(operation) failed: " + (hasAWSCode ? "\(code) (HTTP \(httpStatus))" : "HTTP \(httpStatus)")
        if let message, !message.isEmpty { text += ": \(message)" }
        if let hint { text += ". \(hint)" }
        if let requestId { text += " [request id \(requestId)]" }
        return text
    }

    /// The same as `description`.
    public var errorDescription: String? { description }

    /// Whether the answer named an AWS error code; without one, `code` is `HTTP<status>` (an HTML page, an empty
    /// body: a proxy, a load balancer, or a stand-in for AWS that does not implement the operation).
    public var hasAWSCode: Bool { code != "HTTP\(httpStatus)" }

    /// A suggestion for the person at the keyboard, when the code has an obvious one.
    public var hint: String? {
        if isThrottling { return "AWS is throttling requests; wait and retry, or lower the polling rate" }
        if isAccessDenied {
            return
                "The credentials in use are not allowed to call \(operation); check that the IAM policy of the role or user "
                + "allows \(iamAction)"
        }
        switch code {
        case "SignatureDoesNotMatch":
            return "The secret access key does not match the access key id; check the credentials or profile in use"
        case "InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId":
            return "The access key id is not known to AWS; check the credentials or profile in use"
        case "ExpiredToken", "ExpiredTokenException", "RequestExpired":
            return "The credentials have expired; refresh them (e.g. aws sso login) and retry"
        case "ValidationException", "ValidationError":
            return "AWS rejected a parameter of the request"
        default:
            if httpStatus >= 500 && !hasAWSCode {
                return "The answer carries no AWS error code: if AWS_ENDPOINT_URL points at a stand-in for AWS (moto, "
                    + "LocalStack), it may not implement \(operation); against AWS itself, retrying later may help"
            }
            if httpStatus >= 500 { return "The service had a server-side failure; retrying later may help" }
            return nil
        }
    }
}
