import Foundation

/// Role credentials from IAM Identity Center: the profile's SSO token (`SSOTokenProvider`) exchanged with the
/// portal's `GetRoleCredentials` for `sso_account_id` / `sso_role_name`.
///
/// Wrap it in `CachingCredentialProvider` (the factory does), so the portal is called only when the role
/// credentials are due for a refresh.
public struct SSOCredentialProvider: CredentialProvider {
    /// The account.
    public let accountId: String
    /// The permission set's role name.
    public let roleName: String
    /// The token (shared by every profile of the same `sso_session`).
    public let tokens: SSOTokenProvider
    /// The profile these credentials are for, named in errors (the shared token provider may have been
    /// created for another profile of the session).
    public let profileName: String

    /// Creates the provider.
    public init(accountId: String, roleName: String, tokens: SSOTokenProvider, profileName: String? = nil) {
        self.accountId = accountId
        self.roleName = roleName
        self.tokens = tokens
        self.profileName = profileName ?? tokens.configuration.profileName
    }

    /// Gets a token and exchanges it for the role's credentials.
    /// - Throws: `SSOError.signInRequired` (naming this profile) when the token is missing, expired or refused.
    public func getCredentials() async throws -> AWSCredentials {
        var configuration = tokens.configuration
        configuration.profileName = profileName
        let token: SSOToken
        do {
            token = try await tokens.token()
        } catch SSOError.signInRequired(var needed) {
            needed.profile = profileName
            throw SSOError.signInRequired(needed)
        }
        let access = tokens.access
        let response: GetRoleCredentialsResponse
        do {
            response = try await access.portal.getRoleCredentials(
                accountId: accountId, roleName: roleName, accessToken: token.accessToken)
        } catch {
            if let error = error as? AWSServiceError, error.code == "UnauthorizedException" {
                await tokens.invalidate()  // a sign-in by another process is read on the next call
            }
            throw access.classify(
                error, operation: "GetRoleCredentials", endpoint: access.portalEndpoint, configuration: configuration,
                signInCodes: ["UnauthorizedException"], refusal: { .tokenRefused(code: $0) })
        }
        guard let credentials = response.roleCredentials, !credentials.accessKeyId.isEmpty,
            !credentials.secretAccessKey.isEmpty
        else {
            throw SSOError.serviceFailed(
                operation: "GetRoleCredentials",
                reason: "the answer has no roleCredentials.accessKeyId and roleCredentials.secretAccessKey")
        }
        return AWSCredentials(
            accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey,
            sessionToken: credentials.sessionToken.isEmpty ? nil : credentials.sessionToken,
            expiration: credentials.expirationDate)
    }
}
