import AWSCore
import Foundation
import PodiumCore
import TerminalUI

/// The sign-in pane: an SSO session expired, so IAM Identity Center's device flow runs inside the console
/// (the URL and code to confirm in a browser, a countdown to the code's expiry) and the refreshes that failed run
/// again once it completes. It lives in `ConsoleState.signIn` while the flow runs, shown or not.
///
/// Each phase accepts its own keys (`accepts`), and the help bar lists exactly those: while it waits only
/// abandoning makes sense; after a failure, starting again or closing; a completed sign-in closes the pane itself.
public struct SignInPane: Sendable, Equatable {
    /// Where the flow is.
    public enum Phase: Sendable, Equatable {
        /// Registering the client (or reusing the cached one) and starting the device authorization.
        case starting
        /// Waiting for the operator to confirm the code in a browser, until the code expires (on the console's
        /// clock).
        case waiting(SignInPrompt, until: Date)
        /// The flow ended without a token (declined, expired, unreachable); it can start again.
        case failed(String)
        /// The operator closed the pane (Esc): it is not offered again at every failing refresh, only once a
        /// refresh has succeeded since (a sign-in from a shell, `podium login`, is picked up by itself).
        case abandoned
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

    /// Which sign-in and why (AWSCore's typed error, as the failed call carried it).
    public var needed: SSOSignInRequired
    /// The phase.
    public var phase: Phase = .starting

    /// Creates the pane of a flow about to start.
    public init(_ needed: SSOSignInRequired) {
        self.needed = needed
    }

    /// The SSO profile being signed in to.
    public var profile: String { needed.profile }

    /// Whether a flow is under way or on screen (not abandoned).
    public var isUnderWay: Bool { phase != .abandoned }

    /// Whether the phase takes a command: the one table behind both `handle` and the help bar.
    public func accepts(_ command: ConsoleCommand) -> Bool {
        switch (phase, command) {
        case (.abandoned, _): return false
        case (_, .signInCancel): return true
        case (.failed, .signInRetry): return true
        default: return false
        }
    }

    /// The outcome of a command resolved in the `signin` scope (a command the phase does not accept does nothing).
    public func handle(_ command: ConsoleCommand?) -> Outcome {
        guard let command, accepts(command) else { return .open }
        switch command {
        case .signInCancel: return .cancelled
        case .signInRetry: return .retry
        default: return .open
        }
    }

    /// The keys in the pane's border, matching `accepts`.
    public var keyHint: String {
        if case .failed = phase { return "Enter retries · Esc closes" }
        return "Esc abandons"
    }

    /// The columns the pane needs unwrapped: the URL must stay whole to be copied.
    public var minimumWidth: Int {
        guard case .waiting(let prompt, _) = phase else { return 0 }
        return TextLayout.width("  " + prompt.url)
    }

    /// The pane's lines at `now` (the countdown moves with the injected clock's ticks), prose wrapped to `width`.
    public func lines(at now: Date, width: Int) -> [Line] {
        func wrapped(_ text: String, _ role: ThemeRole) -> [Line] {
            TextLayout.wrap(text, width: max(1, width)).map { Line($0, role) }
        }
        var lines = wrapped("Profile \"\(profile)\" (\(needed.session)) needs a new sign-in:", .text)
        lines += wrapped(Self.capitalized(needed.why) + ".", .textDim)
        lines.append(Line(""))
        switch phase {
        case .starting, .abandoned:
            lines.append(Line("Starting the sign-in with IAM Identity Center…", .textDim))
        case .waiting(let prompt, let deadline):
            lines += [
                Line("Open this URL in a browser and approve the code:", .text), Line("  " + prompt.url, .textStrong),
            ]
            lines += [Line(""), Line("  Code: " + prompt.userCode, .textStrong), Line("")]
            lines += wrapped(
                "Expires in \(SignInPrompt.remaining(until: deadline, at: now)) · the console carries on once you "
                    + "approve", .textDim)
        case .failed(let message):
            lines.append(Line("The sign-in did not complete:", .modalDanger))
            lines += wrapped(message, .modalDanger)
        }
        return lines
    }

    private static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
