import Foundation
import PodiumCore
import TerminalUI

/// The sign-in pane: an SSO session expired, so IAM Identity Center's device flow runs inside the console
/// (the URL and code to confirm in a browser, a countdown to the code's expiry) and the refreshes that failed run
/// again once it completes. It lives in `ConsoleState.signIn` while the flow runs, shown or not.
public struct SignInPane: Sendable, Equatable {
    /// Where the flow is.
    public enum Phase: Sendable, Equatable {
        /// Registering the client and starting the device authorization.
        case starting
        /// Waiting for the operator to confirm the code in a browser.
        case waiting(SignInPrompt)
        /// The flow ended without a token (declined, expired, unreachable); Enter starts again.
        case failed(String)
    }

    /// What a key leaves.
    public enum Outcome: Equatable, Sendable {
        /// Still open.
        case open
        /// Closed: the flow is abandoned (the console carries on, its refreshes still failing).
        case cancelled
        /// Start the flow again (after a failure).
        case retry
    }

    /// The SSO profile being signed in to.
    public var profile: String
    /// Why (the failed call's message).
    public var reason: String
    /// The phase.
    public var phase: Phase = .starting

    /// Creates the pane of a flow about to start.
    public init(profile: String, reason: String) {
        self.profile = profile
        self.reason = reason
    }

    /// The outcome of a command resolved in the `signin` scope.
    public func handle(_ command: ConsoleCommand?) -> Outcome {
        switch command {
        case .signInCancel: return .cancelled
        case .signInRetry:
            if case .failed = phase { return .retry }
            return .open
        default: return .open
        }
    }

    /// The pane's lines at `now` (the countdown moves with the injected clock's ticks).
    public func lines(at now: Date) -> [Line] {
        var lines = [
            Line("The SSO session of profile \"\(profile)\" has expired or is missing.", .text),
            Line(""),
        ]
        switch phase {
        case .starting:
            lines.append(Line("Starting the sign-in with IAM Identity Center…", .textDim))
        case .waiting(let prompt):
            lines += [
                Line("Open this URL in a browser and approve the code:", .text),
                Line("  " + prompt.url, .textStrong),
                Line(""),
                Line("  Code: " + prompt.userCode, .textStrong),
                Line(""),
                Line("Expires in \(prompt.remaining(at: now)) · the console carries on once you approve", .textDim),
            ]
        case .failed(let message):
            lines += [
                Line("The sign-in did not complete:", .modalDanger),
                Line(message, .modalDanger),
                Line(""),
                Line("Enter starts again · Esc closes", .textDim),
            ]
        }
        return lines
    }
}
