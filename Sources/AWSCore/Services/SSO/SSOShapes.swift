import Foundation

/// The answer of SSO `GetRoleCredentials`.
public struct GetRoleCredentialsResponse: Decodable, Sendable, Equatable {
    /// The role's temporary credentials; `nil` when the answer has none.
    public var roleCredentials: SSORoleCredentials?

    /// Creates a response.
    public init(roleCredentials: SSORoleCredentials?) {
        self.roleCredentials = roleCredentials
    }
}

/// Temporary credentials of one account and role, as the SSO portal gives them.
public struct SSORoleCredentials: Decodable, Sendable, Equatable {
    /// The access key id (empty when the portal left it out).
    public var accessKeyId: String
    /// The secret access key.
    public var secretAccessKey: String
    /// The session token.
    public var sessionToken: String
    /// The expiry in milliseconds since the epoch (0 when absent).
    public var expiration: Int64

    /// Creates credentials from their parts.
    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String, expiration: Int64) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    private enum CodingKeys: String, CodingKey {
        case accessKeyId, secretAccessKey, sessionToken, expiration
    }

    /// Decodes tolerantly: a missing or null member gets its zero value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessKeyId = try container.decodeIfPresent(String.self, forKey: .accessKeyId) ?? ""
        secretAccessKey = try container.decodeIfPresent(String.self, forKey: .secretAccessKey) ?? ""
        sessionToken = try container.decodeIfPresent(String.self, forKey: .sessionToken) ?? ""
        expiration = try container.decodeIfPresent(Int64.self, forKey: .expiration) ?? 0
    }

    /// The expiry as a date; `nil` when the portal sent none.
    public var expirationDate: Date? {
        expiration > 0 ? Date(timeIntervalSince1970: Double(expiration) / 1000) : nil
    }
}
