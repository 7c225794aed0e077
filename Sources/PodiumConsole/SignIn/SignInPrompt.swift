import AWSCore
import Foundation

/// What the sign-in pane shows while IAM Identity Center waits for the operator: the URL to open (with the code
/// filled in), the code to compare, and when the code expires (the countdown's end).
public struct SignInPrompt: Sendable, Equatable {
    /// The verification URL with the user code filled in.
    public var url: String
    /// The user code the browser shows.
    public var userCode: String
    /// When the code expires.
    public var expiresAt: Date

    /// Creates a prompt.
    public init(url: String, userCode: String, expiresAt: Date) {
        self.url = url
        self.userCode = userCode
        self.expiresAt = expiresAt
    }

    /// The prompt of an SSO-OIDC device authorization.
    public init(_ authorization: SSODeviceAuthorization) {
        self.init(
            url: authorization.verificationURIComplete, userCode: authorization.userCode,
            expiresAt: authorization.expiresAt)
    }

    /// `4:59` left at `now` (never negative).
    public func remaining(at now: Date) -> String {
        let seconds = max(0, Int(expiresAt.timeIntervalSince(now).rounded(.down)))
        return "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
    }
}
