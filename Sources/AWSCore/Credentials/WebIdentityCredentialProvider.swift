import Foundation

/// Temporary credentials from STS `AssumeRoleWithWebIdentity` with an OIDC token read from a file (the
/// GitHub Actions / EKS IRSA path). The call is unsigned; the token file is read again on every refresh,
/// because its owner rotates it.
public struct WebIdentityCredentialProvider: CredentialProvider {
    /// The token file (`AWS_WEB_IDENTITY_TOKEN_FILE` / `web_identity_token_file`).
    public let tokenFile: String
    /// The role to assume (`AWS_ROLE_ARN` / `role_arn`).
    public let roleArn: String
    /// The session name (`AWS_ROLE_SESSION_NAME` / `role_session_name`); generated when `nil`.
    public let sessionName: String?
    /// The session duration in seconds, or STS's default.
    public let durationSeconds: Int?
    /// How to reach STS.
    public let sts: STSAccess
    /// Reads the token file.
    public let environment: AWSEnvironment
    /// The clock (for generated session names).
    public let now: @Sendable () -> Date

    /// Creates the provider.
    public init(
        tokenFile: String, roleArn: String, sessionName: String? = nil, durationSeconds: Int? = nil, sts: STSAccess,
        environment: AWSEnvironment, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.tokenFile = tokenFile
        self.roleArn = roleArn
        self.sessionName = sessionName
        self.durationSeconds = durationSeconds
        self.sts = sts
        self.environment = environment
        self.now = now
    }

    /// Reads the token and exchanges it for credentials.
    public func getCredentials() async throws -> AWSCredentials {
        let token = try readToken()
        let request = AssumeRoleWithWebIdentityRequest(
            roleArn: roleArn, roleSessionName: sessionName ?? STSAccess.defaultSessionName(now: now()),
            webIdentityToken: token, durationSeconds: durationSeconds)
        let response: AssumeRoleWithWebIdentityResponse
        do {
            response = try await sts.client(credentials: nil).assumeRoleWithWebIdentity(request)
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as AWSClientError where error.isUnreachable {
            throw CredentialProviderError.roleAssumptionUnreachable(
                roleArn: roleArn, operation: "AssumeRoleWithWebIdentity", reason: String(describing: error))
        } catch {
            throw CredentialProviderError.roleAssumptionFailed(
                roleArn: roleArn, operation: "AssumeRoleWithWebIdentity", reason: String(describing: error))
        }
        // Tolerant decoding zero-fills a missing key; keys are what this call is for, so an empty one fails here.
        guard let credentials = response.credentials, !credentials.accessKeyId.isEmpty,
            !credentials.secretAccessKey.isEmpty
        else {
            throw CredentialProviderError.roleAssumptionFailed(
                roleArn: roleArn, operation: "AssumeRoleWithWebIdentity",
                reason:
                    "STS AssumeRoleWithWebIdentity answered without Credentials.AccessKeyId and Credentials.SecretAccessKey"
            )
        }
        return credentials.awsCredentials
    }

    /// The token, read now from the file.
    func readToken() throws -> String {
        let path = environment.expandingTilde(tokenFile)
        let data: Data?
        do {
            data = try environment.readFile(path)
        } catch {
            throw CredentialProviderError.tokenFileUnreadable(path: path, reason: error.localizedDescription)
        }
        guard let data else { throw CredentialProviderError.tokenFileUnreadable(path: path, reason: "no such file") }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw CredentialProviderError.tokenFileUnreadable(path: path, reason: "the file is empty")
        }
        return token
    }
}
