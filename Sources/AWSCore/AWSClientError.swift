import Foundation

/// A failure on the client's side of an AWS call: refused before sending, never answered, or answered with
/// something that could not be read. Service error responses are `AWSServiceError` instead.
public enum AWSClientError: Error, Sendable, Equatable {
    /// The client is read-only and the operation writes; nothing was sent.
    case readOnlyRefused(service: String, operation: String)
    /// The request never got an HTTP response (connection refused or reset, timeout), after `attempts` tries.
    case transport(service: String, operation: String, error: TransportError, attempts: Int)
    /// The task was cancelled; the request was aborted.
    case cancelled(service: String, operation: String)
    /// The body is not what the protocol says (not JSON, not XML, cut short, or not the operation's response
    /// element): a proxy, a stand-in that is not AWS, or a broken connection.
    case undecodableResponse(service: String, operation: String, httpStatus: Int, reason: String)
    /// The body is well-formed, but a member has a type or value the service's model does not allow (a string
    /// where a number belongs, an unreadable timestamp). `member` is the path from the output's root
    /// (`ProductionVariants[0].CurrentWeight`). Missing members are not this error: they decode to zero values.
    case unexpectedResponseValue(service: String, operation: String, httpStatus: Int, member: String, reason: String)
    /// AWS answered without a value the caller needs (an empty or absent member that tolerant decoding
    /// zero-filled), such as the endpoint config name of an endpoint. `field` is the member's path.
    case missingValue(service: String, operation: String, field: String)
    /// The request could not be built (e.g. an invalid endpoint URL or bucket/key).
    case invalidRequest(service: String, operation: String, reason: String)
    /// Credentials could not be obtained; `reason` is the provider's error.
    case credentialsUnavailable(service: String, operation: String, reason: String)
    /// Credentials could not be obtained because the service that gives them (STS, instance or container
    /// metadata) could not be reached; `reason` is the provider's error.
    case credentialsUnreachable(service: String, operation: String, reason: String)
    /// Credentials could not be obtained because the profile's IAM Identity Center (SSO) session has expired, is
    /// missing or was refused: a sign-in fixes it (`podium login`, or the console's sign-in pane). Kept typed, so
    /// callers switch on it rather than read a message.
    case signInRequired(service: String, operation: String, SSOSignInRequired)

    /// The operation this error belongs to.
    public var operation: String {
        switch self {
        case .readOnlyRefused(_, let op), .transport(_, let op, _, _), .cancelled(_, let op),
            .undecodableResponse(_, let op, _, _), .invalidRequest(_, let op, _), .credentialsUnavailable(_, let op, _),
            .credentialsUnreachable(_, let op, _), .signInRequired(_, let op, _),
            .unexpectedResponseValue(_, let op, _, _, _), .missingValue(_, let op, _):
            return op
        }
    }
}

extension AWSClientError: CustomStringConvertible, LocalizedError {
    /// What failed and what to do about it.
    public var description: String {
        switch self {
        case .readOnlyRefused(let service, let operation):
            return
                "\(service) \(operation) refused: this client is read-only and \(operation) changes AWS resources. "
                + "Nothing was sent. Use a read-write client (readOnly: false) to make changes."
        case .transport(let service, let operation, let error, let attempts):
            let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
            return "\(service) \(operation) failed after \(tries): \(error). Check the network and the endpoint URL."
        case .cancelled(let service, let operation):
            return "\(service) \(operation) was cancelled; the request was aborted."
        case .undecodableResponse(let service, let operation, let status, let reason):
            return
                "\(service) \(operation) returned a response that could not be read (HTTP \(status)): \(reason). "
                + "The endpoint may not be an AWS service, or the response was cut short."
        case .unexpectedResponseValue(let service, let operation, let status, let member, let reason):
            return
                "\(service) \(operation) answered HTTP \(status) with a value the AWS model does not allow: \(member) "
                + "\(reason). The response itself was complete; the endpoint answers in a form AWS does not use."
        case .missingValue(let service, let operation, let field):
            return "\(service) \(operation) answered without \(field), which is needed here."
        case .invalidRequest(let service, let operation, let reason):
            return "\(service) \(operation) could not be sent: \(reason)."
        case .credentialsUnavailable(let service, let operation, let reason),
            .credentialsUnreachable(let service, let operation, let reason):
            return "\(service) \(operation) could not get AWS credentials: \(reason)."
        case .signInRequired(let service, let operation, let needed):
            return "\(service) \(operation) could not get AWS credentials: \(needed)."
        }
    }

    /// The same as `description`.
    public var errorDescription: String? { description }
}

extension TransportError: CustomStringConvertible {
    /// A short explanation.
    public var description: String {
        switch self {
        case .connectFailed(let reason): return "could not connect (\(reason))"
        case .timedOut(let reason): return "timed out (\(reason))"
        case .connectionReset(let reason): return "connection closed before a full response (\(reason))"
        case .cancelled: return "cancelled"
        }
    }
}

extension AWSClientError {
    /// The SSO sign-in this error asks for, if it is one (`signInRequired`).
    public var signInRequired: SSOSignInRequired? {
        if case .signInRequired(_, _, let needed) = self { return needed }
        return nil
    }

    /// Whether the service could not be reached at all (connection refused, reset, or no answer in time), as
    /// opposed to an answer that was an error or could not be read.
    public var isUnreachable: Bool {
        if case .credentialsUnreachable = self { return true }
        guard case .transport(_, _, let error, _) = self else { return false }
        switch error {
        case .connectFailed, .timedOut, .connectionReset: return true
        case .cancelled: return false
        }
    }
}

extension CredentialProviderError {
    /// Whether the credentials could not be had because a service (STS, instance or container metadata) could
    /// not be reached.
    public var isUnreachable: Bool {
        switch self {
        case .roleAssumptionUnreachable, .metadataUnavailable: return true
        default: return false
        }
    }
}
