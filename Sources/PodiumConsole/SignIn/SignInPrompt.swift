import AWSCore
import Foundation

/// What the sign-in pane shows while IAM Identity Center waits for the operator: the URL to open (with the code
/// filled in), the code to compare, and how long the code is valid. The lifetime is relative: the pane anchors it
/// on the console's own (injected) clock when the prompt arrives, so the countdown and the clock that moves it are
/// the same.
public struct SignInPrompt: Sendable, Equatable {
    /// The verification URL with the user code filled in.
    public var url: String
    /// The user code the browser shows.
    public var userCode: String
    /// How long the code is valid after it was issued.
    public var lifetime: TimeInterval

    /// Creates a prompt.
    public init(url: String, userCode: String, lifetime: TimeInterval) {
        self.url = url
        self.userCode = userCode
        self.lifetime = lifetime
    }

    /// The prompt of an SSO-OIDC device authorization.
    public init(_ authorization: SSODeviceAuthorization) {
        self.init(
            url: authorization.verificationURIComplete, userCode: authorization.userCode,
            lifetime: TimeInterval(authorization.expiresIn))
    }

    /// `4:59` left until `deadline` at `now` (never negative).
    public static func remaining(until deadline: Date, at now: Date) -> String {
        let seconds = max(0, Int(deadline.timeIntervalSince(now).rounded(.down)))
        return "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
    }
}
