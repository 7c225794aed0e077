import Foundation

/// Temporary credentials from STS `AssumeRole`, called with credentials from a source provider.
///
/// Wrap it in `CachingCredentialProvider` (the factory does) so it is called only when a refresh is due.
public struct AssumeRoleCredentialProvider: CredentialProvider {
    /// The role to assume.
    public let roleArn: String
    /// The role session name (`role_session_name`); a generated one when `nil`.
    public let sessionName: String?
    /// The external id (`external_id`), if the role's trust policy requires one.
    public let externalId: String?
    /// The session duration in seconds (`duration_seconds`); STS's default (1 hour) when `nil`.
    public let durationSeconds: Int?
    /// Where the caller's credentials come from.
    public let source: any CredentialProvider
    /// How to reach STS.
    public let sts: STSAccess
    /// The clock (for generated session names).
    public let now: @Sendable () -> Date

    /// Creates the provider.
    public init(
        roleArn: String, sessionName: String? = nil, externalId: String? = nil, durationSeconds: Int? = nil,
        source: any CredentialProvider, sts: STSAccess, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.roleArn = roleArn
        self.sessionName = sessionName
        self.externalId = externalId
        self.durationSeconds = durationSeconds
        self.source = source
        self.sts = sts
        self.now = now
    }

    /// Calls `AssumeRole` and returns the role's temporary credentials.
    ///
    /// When STS answers `ExpiredToken` the source credentials have expired: a refreshable source is refreshed and
    /// asked once more; otherwise (or if that fails the same way) the error says to refresh the source.
    public func getCredentials() async throws -> AWSCredentials {
        do {
            return try await assumeRole()
        } catch CredentialProviderError.sourceCredentialsExpired(let roleArn, let code) {
            guard let refreshable = source as? any RefreshableCredentialProvider else {
                throw CredentialProviderError.sourceCredentialsExpired(roleArn: roleArn, code: code)
            }
            await refreshable.invalidate()
            return try await assumeRole()
        }
    }

    private func assumeRole() async throws -> AWSCredentials {
        let sourceCredentials = try await source.getCredentials()
        let request = AssumeRoleRequest(
            roleArn: roleArn, roleSessionName: sessionName ?? STSAccess.defaultSessionName(now: now()),
            durationSeconds: durationSeconds, externalId: externalId)
        let response: AssumeRoleResponse
        do {
            response = try await sts.client(credentials: sourceCredentials).assumeRole(request)
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as AWSServiceError where AWSClient.expiredTokenCodes.contains(error.code) {
            throw CredentialProviderError.sourceCredentialsExpired(roleArn: roleArn, code: error.code)
        } catch let error as AWSClientError where error.isUnreachable {
            throw CredentialProviderError.roleAssumptionUnreachable(
                roleArn: roleArn, operation: "AssumeRole", reason: String(describing: error))
        } catch {
            throw CredentialProviderError.roleAssumptionFailed(
                roleArn: roleArn, operation: "AssumeRole", reason: String(describing: error))
        }
        // Tolerant decoding zero-fills a missing key; keys are what this call is for, so an empty one fails here.
        guard let credentials = response.credentials, !credentials.accessKeyId.isEmpty,
            !credentials.secretAccessKey.isEmpty
        else {
            throw CredentialProviderError.roleAssumptionFailed(
                roleArn: roleArn, operation: "AssumeRole",
                reason: "STS AssumeRole answered without Credentials.AccessKeyId and Credentials.SecretAccessKey")
        }
        return credentials.awsCredentials
    }
}
