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

    /// One line for people, with what to do for the usual statuses.
    public var description: String {
        switch self {
        case .http(let operation, let status, let message):
            let said = message.map { ": \($0)" } ?? ""
            let hint: String
            switch status {
            case 401: hint = " (the token is missing, expired or revoked)"
            case 403: hint = " (the token lacks a permission such as actions:write, or a rate limit was hit)"
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
        }
    }

    /// The HTTP status GitHub answered, if it answered.
    public var httpStatus: Int? {
        switch self {
        case .http(_, let status, _), .undecodableResponse(_, let status, _): return status
        default: return nil
        }
    }
}
