import AWSCore
import Foundation

/// Finds the SSO profile whose session must be signed in to again, in a failed call's error.
///
/// AWSCore's `SSOError.signInRequired` reaches the console flattened: `AWSClient` wraps every provider failure in
/// `AWSClientError.credentialsUnavailable(reason:)`, whose reason is the `SSOSignInRequired` description
/// (`SSO sign-in needed for profile "dev" (…)`). The typed error is matched first, the flattened one by that
/// one fixed opening, so nothing else (an unreachable portal, a denied role) is taken for an expired session.
public enum SignInNeed {
    /// The opening of `SSOSignInRequired.description`, up to the profile name.
    static let opening = "SSO sign-in needed for profile \""

    /// The profile to sign in for, or nil when the error is not an expired or missing SSO session.
    public static func profile(in error: any Error) -> String? {
        if let error = error as? SSOError, let needed = error.signInRequired { return needed.profile }
        guard case .credentialsUnavailable(_, _, let reason) = error as? AWSClientError else { return nil }
        return profile(inMessage: reason)
    }

    /// The profile named by a flattened `SSOSignInRequired` message.
    static func profile(inMessage message: String) -> String? {
        guard let start = message.range(of: opening) else { return nil }
        let rest = message[start.upperBound...]
        guard let end = rest.firstIndex(of: "\""), end > rest.startIndex else { return nil }
        return String(rest[..<end])
    }
}
