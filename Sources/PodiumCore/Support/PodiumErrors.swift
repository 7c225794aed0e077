import AWSCore
import Foundation

/// Turns any error into a one-line message for people (never a stack trace or raw JSON).
public enum PodiumErrors {
    /// A message that says what failed and, where possible, what to do.
    public static func describe(_ error: any Error) -> String {
        switch error {
        case let e as PodiumError: return e.description
        case let e as ConfigError: return e.description
        case let e as AWSServiceError: return e.description
        case let e as AWSClientError: return e.description
        case is CancellationError: return "cancelled"
        default:
            let text = String(describing: error)
            return text.isEmpty ? "unexpected error" : text
        }
    }

    /// The CLI exit code for an error: 1 failed, 2 usage/config, 3 refused.
    public static func exitCode(_ error: any Error) -> Int32 {
        switch error {
        case let e as PodiumError: return e.exitCode
        case is ConfigError: return 2
        case let e as AWSClientError:
            if case .readOnlyRefused = e { return 3 }
            return 1
        default: return 1
        }
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
