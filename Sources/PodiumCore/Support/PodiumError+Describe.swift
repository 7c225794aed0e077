import AWSCore
import Foundation

/// Any error, classified: its kind and a one-line message for people (never a stack trace or raw JSON).
extension PodiumError {
    /// The kind of any error: a `PodiumError`'s own; an invalid config is usage; a write the client refused in a
    /// read-only session is refused; a cancelled task is interrupted; anything else (AWS answered with an error,
    /// could not be reached, answered with something unreadable) failed.
    public static func kind(of error: any Error) -> Kind {
        switch error {
        case let e as PodiumError: return e.kind
        case is ConfigError: return .usage
        case AWSClientError.readOnlyRefused: return .refused
        case is WriteOutcomeUnknown, is UncertainWrite: return .outcomeUnknown
        default: return isCancellation(error) ? .interrupted : .failed
        }
    }

    /// Any error as a `PodiumError`: itself, or its kind and message (and the SSO sign-in it asks for).
    public init(_ error: any Error) {
        self =
            (error as? PodiumError)
            ?? PodiumError(
                Self.kind(of: error), Self.describe(error), signInRequired: Self.signInRequired(in: error))
    }

    /// The IAM Identity Center sign-in an error asks for: AWSCore's typed `SSOError.signInRequired` as a provider
    /// throws it, as `AWSClientError.signInRequired` from a service call, or kept in a `PodiumError`. Never read
    /// from a message, so an error that merely quotes one is not taken for an expired session.
    public static func signInRequired(in error: any Error) -> SSOSignInRequired? {
        switch error {
        case let e as PodiumError: return e.signInRequired
        case let e as AWSClientError: return e.signInRequired
        case let e as SSOError: return e.signInRequired
        default: return nil
        }
    }

    /// A message that says what failed and, where possible, what to do: one paragraph, never a stack trace, a
    /// type dump or a raw response body.
    public static func describe(_ error: any Error) -> String {
        switch error {
        case let e as PodiumError: return e.description
        case let e as ConfigError: return e.description
        case let e as AWSServiceError: return describe(service: e)
        case let e as AWSClientError: return describe(client: e)
        case let e as CredentialProviderError:
            return "cannot get AWS credentials: \(e.description). " + credentialsHint
        case is CancellationError: return "cancelled"
        case let e as DecodingError: return "unexpected data: \(describe(decoding: e))"
        case let e as LocalizedError where e.errorDescription?.isEmpty == false: return e.errorDescription!
        case let e as CustomStringConvertible where !e.description.isEmpty: return e.description
        default:
            return "unexpected internal error (\(type(of: error))); retry, and report it if it persists"
        }
    }

    /// Whether `error` means the task was cancelled (Swift's `CancellationError`, or AWSCore aborting a request
    /// because its task was cancelled): an interrupted change, not a failed one.
    public static func isCancellation(_ error: any Error) -> Bool {
        if error is CancellationError { return true }
        if case AWSClientError.cancelled = error { return true }
        return false
    }

    /// Whether `error` means AWS could not be reached at all (connection refused or reset, no answer in time),
    /// not that it answered with an error or with something unreadable: only then may a screen say "no connection".
    public static func isUnreachable(_ error: any Error) -> Bool {
        switch error {
        case let e as AWSClientError: return e.isUnreachable
        case let e as CredentialProviderError: return e.isUnreachable
        default: return false
        }
    }

    /// What to do when credentials cannot be had or were rejected.
    static let credentialsHint =
        "Check AWS_PROFILE / the environment's `credentials:` in the config (for SSO profiles run `aws sso login`, "
        + "for expired session credentials get new ones)"

    /// `SageMaker UpdateEndpoint failed: ThrottlingException (HTTP 400): Rate exceeded. <what to do> [request id]`.
    static func describe(service e: AWSServiceError) -> String {
        var text = "\(e.service) \(e.operation) failed: " + (e.hasAWSCode ? e.code : "HTTP \(e.httpStatus)")
        if e.httpStatus > 0 && e.hasAWSCode { text += " (HTTP \(e.httpStatus))" }
        if let message = e.message.map(sentence), !message.isEmpty { text += ": " + message }
        if let hint = e.hint { text += ". " + hint }
        if let requestId = e.requestId { text += " [request id \(requestId)]" }
        return text
    }

    /// AWSCore's client-side failures, with the advice that fits; an unreadable response is described, not dumped.
    static func describe(client e: AWSClientError) -> String {
        switch e {
        case .undecodableResponse(let service, let operation, let status, let reason):
            // AWSCore's reason ends with the start of the body; people get the cause, not the bytes.
            let cause = reason.components(separatedBy: "; body starts").first ?? reason
            let shortCause = cause.components(separatedBy: " (The given data").first ?? cause
            return "\(service) \(operation) answered HTTP \(status) with a response podium cannot read "
                + "(\(sentence(shortCause))). The connection may have been cut short, or AWS_ENDPOINT_URL points at "
                + "something that is not AWS; retry, and check the endpoint"
        case .missingValue(let service, let operation, let field):
            return "\(service) \(operation) answered without \(field), which podium needs here. AWS always sends it; "
                + "if AWS_ENDPOINT_URL points at a stand-in (moto, LocalStack), that stand-in leaves it out"
        case .credentialsUnavailable(let service, let operation, let reason),
            .credentialsUnreachable(let service, let operation, let reason):
            // A throttled or failed STS call already carries its own advice; the credentials hint would mislead.
            let advice = reason.lowercased().contains("throttl") ? "" : ". " + credentialsHint
            return "\(service) \(operation) could not get AWS credentials: \(sentence(reason))" + advice
        case .signInRequired(let service, let operation, let needed):
            // The sign-in's own advice (`podium login --profile P`) is the whole answer; the generic credentials
            // hint would only repeat it less precisely.
            return "\(service) \(operation) could not get AWS credentials: \(sentence(needed.description))"
        default:
            return e.description
        }
    }

    private static func describe(decoding error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "\(key.stringValue) is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")) is not a \(type)"
        case .dataCorrupted(let context): return context.debugDescription
        @unknown default: return "it could not be decoded"
        }
    }

    /// The text as a clause: whitespace trimmed, without a final period (the caller adds its own punctuation).
    private static func sentence(_ text: String) -> String {
        var result = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while result.hasSuffix(".") { result.removeLast() }
        return result
    }

    /// Whether an AWS error says the resource does not exist.
    static func isNotFound(_ error: any Error) -> Bool {
        guard let e = error as? AWSServiceError else { return false }
        if e.code == "ResourceNotFound" || e.code == "ResourceNotFoundException" || e.code == "NoSuchKey" {
            return true
        }
        let message = (e.message ?? "").lowercased()
        return e.code == "ValidationException"
            && (message.contains("could not find") || message.contains("does not exist")
                || message.contains("not found"))
    }

    /// Whether an AWS error says the resource already exists.
    static func isAlreadyExists(_ error: any Error) -> Bool {
        guard let e = error as? AWSServiceError else { return false }
        let message = (e.message ?? "").lowercased()
        return e.code == "ResourceInUse" || message.contains("already exist")
    }
}
