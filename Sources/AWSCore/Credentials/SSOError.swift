import Foundation

/// Why IAM Identity Center (SSO) credentials or a sign-in could not be had. Messages name the profile and the
/// session or start URL, and never contain a token, a client secret or a key.
public enum SSOError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An interactive sign-in is needed (no cached token, it expired, or AWS refused it); the console can
    /// offer the device flow (`SSODeviceLogin`), the CLI tells the user to run `podium login`.
    case signInRequired(SSOSignInRequired)
    /// The device authorization ended without a token: refused in the browser, or the code expired.
    case deviceAuthorizationFailed(profile: String, reason: SSODeviceFailure)
    /// The token cache could not be written (the sign-in itself worked).
    case tokenCacheUnwritable(path: String, reason: String)
    /// An SSO service answered with an error that is not about the sign-in (throttling, a bad request, an
    /// answer without the values asked for).
    case serviceFailed(operation: String, reason: String)

    /// A one-paragraph explanation with what to do.
    public var description: String {
        switch self {
        case .signInRequired(let needed):
            return needed.description
        case .deviceAuthorizationFailed(let profile, let reason):
            return "SSO sign-in for profile \"\(profile)\" did not complete: \(reason.description). "
                + "Run `podium login --profile \(profile)` again"
        case .tokenCacheUnwritable(let path, let reason):
            return "signed in, but the SSO token could not be saved to \(path): \(reason)"
        case .serviceFailed(let operation, let reason):
            return "IAM Identity Center \(operation) failed: \(reason)"
        }
    }

    /// The sign-in the error asks for, if it is one.
    public var signInRequired: SSOSignInRequired? {
        if case .signInRequired(let needed) = self { return needed }
        return nil
    }
}

extension SSOError: LocalizedError {
    /// The same text as `description`.
    public var errorDescription: String? { description }
}

/// "Sign-in needed": which profile and SSO session, and why the cached token cannot be used.
public struct SSOSignInRequired: Sendable, Equatable, CustomStringConvertible {
    /// Why a cached token cannot be used.
    public enum Reason: Sendable, Equatable {
        /// No token is cached for the session (never signed in on this machine).
        case noCachedToken(path: String)
        /// The cache file exists but is not a token (its contents are not shown).
        case unreadableCache(path: String, detail: String)
        /// The access token expired and cannot be refreshed (legacy profile, or no refresh token cached).
        case expired(at: Date)
        /// SSO-OIDC refused to refresh the token (`InvalidGrantException`: the refresh token expired or was
        /// revoked; `InvalidClientException`: the client registration expired).
        case refreshRefused(code: String)
        /// The SSO portal refused the access token (`UnauthorizedException`): the session was ended early.
        case tokenRefused(code: String)
    }

    /// The AWS profile.
    public var profile: String
    /// `sso-session "corp"`, or the start URL of a legacy profile.
    public var session: String
    /// The start URL to sign in at.
    public var startURL: String
    /// Why.
    public var reason: Reason

    /// Creates the value.
    public init(profile: String, session: String, startURL: String, reason: Reason) {
        self.profile = profile
        self.session = session
        self.startURL = startURL
        self.reason = reason
    }

    /// The command that signs in again.
    public var loginCommand: String { "podium login --profile \(profile)" }

    /// Why the cached token cannot be used, as a clause (`IAM Identity Center refused to refresh the token
    /// (InvalidGrantException)`): what the console's sign-in pane and every message say.
    public var why: String {
        switch reason {
        case .noCachedToken(let path):
            return "no SSO token is cached (\(path))"
        case .unreadableCache(let path, let detail):
            return "the cached SSO token \(path) cannot be read (\(detail))"
        case .expired(let at):
            return "the SSO token expired at \(AWSDateCoding.iso8601String(at)) and cannot be refreshed"
        case .refreshRefused(let code):
            return "the SSO session has expired: IAM Identity Center refused to refresh the token (\(code))"
        case .tokenRefused(let code):
            return "IAM Identity Center refused the SSO token (\(code)); the session has ended"
        }
    }

    /// `SSO sign-in needed for profile "dev" (sso-session "corp"): … Run `podium login --profile dev` …`.
    public var description: String {
        "SSO sign-in needed for profile \"\(profile)\" (\(session)): \(why). Run `\(loginCommand)` "
            + "(or `aws sso login --profile \(profile)`) and retry"
    }
}

/// Why a device authorization ended without a token.
public enum SSODeviceFailure: Sendable, Equatable, CustomStringConvertible {
    /// The user declined in the browser (`AccessDeniedException`).
    case denied
    /// The device code expired before it was confirmed (`ExpiredTokenException`, or the `expiresIn` deadline).
    case expired
    /// The answer had no access token.
    case noToken

    /// A short explanation.
    public var description: String {
        switch self {
        case .denied: return "the sign-in was declined in the browser"
        case .expired: return "the code expired before it was confirmed"
        case .noToken: return "IAM Identity Center answered CreateToken without an access token"
        }
    }
}
