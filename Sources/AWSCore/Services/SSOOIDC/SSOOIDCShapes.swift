import Foundation

/// The input of SSO-OIDC `RegisterClient`.
public struct RegisterClientRequest: Encodable, Sendable, Equatable {
    /// The client's name (shown nowhere to the user; `podium`).
    public var clientName: String
    /// Always `public` for a device-code client.
    public var clientType: String
    /// The scopes to register (`sso:account:access`), or `nil` for the legacy flow.
    public var scopes: [String]?

    /// Creates the input.
    public init(clientName: String, clientType: String = "public", scopes: [String]? = nil) {
        self.clientName = clientName
        self.clientType = clientType
        self.scopes = scopes
    }
}

/// The answer of `RegisterClient`.
public struct RegisterClientResponse: Decodable, Sendable, Equatable {
    /// The client id.
    public var clientId: String
    /// The client secret. Never logged.
    public var clientSecret: String
    /// When the registration expires, in seconds since the epoch (0 when absent).
    public var clientSecretExpiresAt: Int64

    private enum CodingKeys: String, CodingKey {
        case clientId, clientSecret, clientSecretExpiresAt
    }

    /// Creates a response.
    public init(clientId: String, clientSecret: String, clientSecretExpiresAt: Int64) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.clientSecretExpiresAt = clientSecretExpiresAt
    }

    /// Decodes tolerantly: a missing or null member gets its zero value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        clientId = try container.decodeIfPresent(String.self, forKey: .clientId) ?? ""
        clientSecret = try container.decodeIfPresent(String.self, forKey: .clientSecret) ?? ""
        clientSecretExpiresAt = try container.decodeIfPresent(Int64.self, forKey: .clientSecretExpiresAt) ?? 0
    }
}

/// The input of `StartDeviceAuthorization`.
public struct StartDeviceAuthorizationRequest: Encodable, Sendable, Equatable {
    /// The registered client id.
    public var clientId: String
    /// The registered client secret.
    public var clientSecret: String
    /// The SSO start URL.
    public var startUrl: String

    /// Creates the input.
    public init(clientId: String, clientSecret: String, startUrl: String) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.startUrl = startUrl
    }
}

/// The answer of `StartDeviceAuthorization`.
public struct StartDeviceAuthorizationResponse: Decodable, Sendable, Equatable {
    /// The device code to poll `CreateToken` with. Never shown.
    public var deviceCode: String
    /// The code the user confirms in the browser.
    public var userCode: String
    /// The verification page.
    public var verificationUri: String
    /// The verification page with the user code filled in.
    public var verificationUriComplete: String
    /// Seconds until the device code expires (0 when absent).
    public var expiresIn: Int
    /// Seconds between polls (0 when absent: the caller uses 5, as the AWS CLI).
    public var interval: Int

    private enum CodingKeys: String, CodingKey {
        case deviceCode, userCode, verificationUri, verificationUriComplete, expiresIn, interval
    }

    /// Creates a response.
    public init(
        deviceCode: String, userCode: String, verificationUri: String, verificationUriComplete: String,
        expiresIn: Int, interval: Int
    ) {
        self.deviceCode = deviceCode
        self.userCode = userCode
        self.verificationUri = verificationUri
        self.verificationUriComplete = verificationUriComplete
        self.expiresIn = expiresIn
        self.interval = interval
    }

    /// Decodes tolerantly: a missing or null member gets its zero value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        deviceCode = try container.decodeIfPresent(String.self, forKey: .deviceCode) ?? ""
        userCode = try container.decodeIfPresent(String.self, forKey: .userCode) ?? ""
        verificationUri = try container.decodeIfPresent(String.self, forKey: .verificationUri) ?? ""
        verificationUriComplete = try container.decodeIfPresent(String.self, forKey: .verificationUriComplete) ?? ""
        expiresIn = try container.decodeIfPresent(Int.self, forKey: .expiresIn) ?? 0
        interval = try container.decodeIfPresent(Int.self, forKey: .interval) ?? 0
    }
}

/// The input of `CreateToken`.
public struct CreateTokenRequest: Encodable, Sendable, Equatable {
    /// The registered client id.
    public var clientId: String
    /// The registered client secret.
    public var clientSecret: String
    /// `urn:ietf:params:oauth:grant-type:device_code` or `refresh_token`.
    public var grantType: String
    /// The device code (device grant).
    public var deviceCode: String?
    /// The refresh token (refresh grant).
    public var refreshToken: String?

    /// Creates the input.
    public init(
        clientId: String, clientSecret: String, grantType: String, deviceCode: String? = nil,
        refreshToken: String? = nil
    ) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.grantType = grantType
        self.deviceCode = deviceCode
        self.refreshToken = refreshToken
    }

    /// The device-code grant.
    public static let deviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code"
    /// The refresh-token grant.
    public static let refreshTokenGrant = "refresh_token"
}

/// The answer of `CreateToken`.
public struct CreateTokenResponse: Decodable, Sendable, Equatable {
    /// The access token (empty when absent). Never logged.
    public var accessToken: String
    /// Seconds until the access token expires (0 when absent).
    public var expiresIn: Int
    /// A refresh token, when the client registered scopes that allow one.
    public var refreshToken: String?

    private enum CodingKeys: String, CodingKey {
        case accessToken, expiresIn, refreshToken
    }

    /// Creates a response.
    public init(accessToken: String, expiresIn: Int, refreshToken: String?) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.refreshToken = refreshToken
    }

    /// Decodes tolerantly: a missing or null member gets its zero value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decodeIfPresent(String.self, forKey: .accessToken) ?? ""
        expiresIn = try container.decodeIfPresent(Int.self, forKey: .expiresIn) ?? 0
        refreshToken = try container.decodeIfPresent(String.self, forKey: .refreshToken)
    }
}
