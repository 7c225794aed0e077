import AWSCore
import Foundation
import PodiumCore

/// A failure shown in the console: the readable message of any error (never a raw dump).
public struct ConsoleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message (first line of the error's description).
    public var message: String
    /// Whether AWS could not be reached at all (refused, reset, timed out): the only failure the console calls
    /// "no connection".
    public var isUnreachable: Bool
    /// The SSO sign-in that fixes the failure, when an expired or missing SSO session is why the call failed (the
    /// console offers it). Carried typed from AWSCore (`PodiumError.signInRequired(in:)`), never read from text.
    public var signInRequired: SSOSignInRequired?
    /// Whether a change's outcome is unknown (a write got no answer and a re-read did not show it): the panes say
    /// so in the warning colour, never "Failed".
    public var isOutcomeUnknown = false

    /// The SSO profile whose session expired, when that is why the call failed.
    public var signInProfile: String? { signInRequired?.profile }

    /// Creates an error with a message.
    public init(_ message: String, unreachable: Bool = false) {
        self.message = message
        self.isUnreachable = unreachable
    }

    /// Wraps any error in its readable form.
    public init(_ error: any Error) {
        if let error = error as? ConsoleError {
            self = error
        } else if let error = error as? PodiumError {
            self.message = error.message
            self.isUnreachable = false
            self.isOutcomeUnknown = error.kind == .outcomeUnknown
        } else {
            self.message = PodiumError.describe(error)
            self.isUnreachable = PodiumError.isUnreachable(error)
            self.isOutcomeUnknown = PodiumError.kind(of: error) == .outcomeUnknown
        }
        if signInRequired == nil { signInRequired = PodiumError.signInRequired(in: error) }
    }

    /// The message.
    public var description: String { message }
}
