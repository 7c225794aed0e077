import Foundation

/// Why a GitHub call failed. No case holds the token: descriptions are safe to log and show.
public enum GitHubError: Error, Sendable, Equatable, CustomStringConvertible {
    /// GitHub answered with an error status; `message` is GitHub's own `message` (sanitised, token removed).
    case http(operation: String, status: Int, message: String?)
    /// No answer came (refused, timed out, reset).
    case transport(operation: String, error: TransportError)
    /// The call was cancelled.
    case cancelled(operation: String)
    /// The answer was not the JSON GitHub documents (`reason` names what was wrong).
    case undecodableResponse(operation: String, status: Int, reason: String)
    /// The request could not be formed (an empty owner, a base URL that is not http(s)).
    case invalidRequest(operation: String, reason: String)
    /// GitHub's rate limit is in force until `retryAt`, later than podium waits (or after the waits a call may make).
    case rateLimited(operation: String, kind: GitHubRateLimit.Kind, retryAt: Date, message: String?)
    /// A call that changes something (the workflow dispatch) was sent, but no clear answer came back (`cause`): it
    /// may have been carried out. It is not resent, so a workflow never runs twice by podium's doing.
    case outcomeUnknown(operation: String, cause: String)
    /// The last error of a call that was retried `attempts` times in all.
    indirect case retriesExhausted(attempts: Int, last: GitHubError)

    /// One line for people, with what to do for the usual statuses.
    public var description: String {
        switch self {
        case .http(let operation, let status, let message):
            let said = message.map { ": \($0)" } ?? ""
            let hint: String
            switch status {
            case 401: hint = " (the token is missing, expired or revoked)"
            case 403: hint = " (the token lacks a permission such as actions:write)"
            case 404: hint = " (no such repository, workflow or run, or the token cannot see it)"
            case 422: hint = " (GitHub refused the request: check the ref and the workflow's inputs)"
            default: hint = ""
            }
            return "GitHub \(operation) failed with HTTP \(status)\(said)\(hint)"
        case .transport(let operation, let error):
            return "GitHub \(operation): no answer (\(error))"
        case .cancelled(let operation):
            return "GitHub \(operation) was cancelled"
        case .undecodableResponse(let operation, let status, let reason):
            return
                "GitHub \(operation) answered HTTP \(status) with a body that is not what GitHub documents: \(reason)"
        case .invalidRequest(let operation, let reason):
            return "GitHub \(operation): invalid request: \(reason)"
        case .rateLimited(let operation, let kind, let retryAt, let message):
            let which = kind == .primary ? "the API rate limit is used up" : "GitHub's secondary rate limit was hit"
            let said = message.map { " (\($0))" } ?? ""
            return
                "GitHub \(operation): \(which)\(said); it lifts at \(GitHubClient.timestamp(retryAt)), later than podium waits: try again then"
        case .outcomeUnknown(let operation, let cause):
            return
                "GitHub \(operation): the request was sent but no clear answer came back (\(cause)); it may have been carried out: check the workflow's runs before dispatching again"
        case .retriesExhausted(let attempts, let last):
            return "\(last) (after \(attempts) attempts)"
        }
    }

    /// The HTTP status GitHub answered, if it answered.
    public var httpStatus: Int? {
        switch self {
        case .http(_, let status, _), .undecodableResponse(_, let status, _): return status
        case .retriesExhausted(_, let last): return last.httpStatus
        default: return nil
        }
    }
}
