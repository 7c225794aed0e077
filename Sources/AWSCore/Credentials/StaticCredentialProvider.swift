/// Returns the same credentials every time (keys from a profile, or given in code).
public struct StaticCredentialProvider: CredentialProvider {
    /// The credentials returned.
    public let credentials: AWSCredentials

    /// Wraps fixed credentials.
    public init(_ credentials: AWSCredentials) {
        self.credentials = credentials
    }

    /// Returns the credentials.
    public func getCredentials() async throws -> AWSCredentials { credentials }
}
