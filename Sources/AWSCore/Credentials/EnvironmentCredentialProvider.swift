import Foundation

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` (or the legacy
/// `AWS_SECURITY_TOKEN`) and `AWS_CREDENTIAL_EXPIRATION`.
public struct EnvironmentCredentialProvider: CredentialProvider {
    /// The environment read.
    public let environment: AWSEnvironment
    /// The clock, to refuse credentials whose `AWS_CREDENTIAL_EXPIRATION` has passed.
    public let now: @Sendable () -> Date

    /// Creates the provider.
    public init(environment: AWSEnvironment, now: @escaping @Sendable () -> Date = { Date() }) {
        self.environment = environment
        self.now = now
    }

    /// Whether either key variable is set (then this source applies, and a missing half is an error).
    public static func isConfigured(in environment: AWSEnvironment) -> Bool {
        environment["AWS_ACCESS_KEY_ID"] != nil || environment["AWS_SECRET_ACCESS_KEY"] != nil
    }

    /// Reads the variables.
    public func getCredentials() async throws -> AWSCredentials {
        try Self.read(environment, now: now())
    }

    /// Reads the variables synchronously.
    static func read(_ environment: AWSEnvironment, now: Date) throws -> AWSCredentials {
        guard let accessKeyId = environment["AWS_ACCESS_KEY_ID"] else {
            throw CredentialProviderError.invalidEnvironment(
                variable: "AWS_ACCESS_KEY_ID", reason: "not set, but AWS_SECRET_ACCESS_KEY is")
        }
        guard let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
            throw CredentialProviderError.invalidEnvironment(
                variable: "AWS_SECRET_ACCESS_KEY", reason: "not set, but AWS_ACCESS_KEY_ID is")
        }
        var expiration: Date?
        if let text = environment["AWS_CREDENTIAL_EXPIRATION"] {
            guard let date = CredentialJSON.parseDate(text) else {
                throw CredentialProviderError.invalidEnvironment(
                    variable: "AWS_CREDENTIAL_EXPIRATION", reason: "not an ISO 8601 timestamp")
            }
            if date <= now {
                throw CredentialProviderError.expired(provider: "environment variables", expiration: date)
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: accessKeyId, secretAccessKey: secret,
            sessionToken: environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"],
            expiration: expiration)
    }
}
