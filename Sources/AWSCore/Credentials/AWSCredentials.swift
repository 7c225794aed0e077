import Foundation

/// A set of AWS credentials: long-lived keys, or temporary ones with a session token and an expiry.
public struct AWSCredentials: Sendable, Equatable {
    /// The access key id (`AKIA…` or `ASIA…`).
    public var accessKeyId: String
    /// The secret access key. Never logged.
    public var secretAccessKey: String
    /// The session token of temporary credentials. Never logged.
    public var sessionToken: String?
    /// When temporary credentials stop working; `nil` for long-lived keys.
    public var expiration: Date?

    /// Creates credentials from their parts.
    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }
}

extension AWSCredentials: CustomStringConvertible {
    /// Shows the access key id only, so credentials never leak into logs or error messages.
    public var description: String { "AWSCredentials(\(accessKeyId), secret: ***)" }
}

/// Anything that can produce credentials: the environment, a profile, an assumed role, the chain.
public protocol CredentialProvider: Sendable {
    /// Returns usable credentials, refreshing them when they are close to expiry.
    func getCredentials() async throws -> AWSCredentials
}
