import Foundation

/// One cached IAM Identity Center token, in the JSON form botocore and the AWS CLI share
/// (`~/.aws/sso/cache/<sha1>.json`): `startUrl`, `region`, `accessToken`, `expiresAt`, and for `sso_session`
/// profiles the client registration and refresh token (`clientId`, `clientSecret`, `registrationExpiresAt`,
/// `refreshToken`).
public struct SSOToken: Sendable, Equatable {
    /// The start URL it was issued for.
    public var startURL: String?
    /// The SSO region.
    public var region: String?
    /// The bearer token for the SSO portal. Never logged.
    public var accessToken: String
    /// When the access token expires.
    public var expiresAt: Date
    /// The registered OIDC client.
    public var clientId: String?
    /// The registered client's secret. Never logged.
    public var clientSecret: String?
    /// When the client registration expires.
    public var registrationExpiresAt: Date?
    /// The refresh token. Never logged.
    public var refreshToken: String?

    /// Creates a token.
    public init(
        startURL: String?, region: String?, accessToken: String, expiresAt: Date, clientId: String? = nil,
        clientSecret: String? = nil, registrationExpiresAt: Date? = nil, refreshToken: String? = nil
    ) {
        self.startURL = startURL
        self.region = region
        self.accessToken = accessToken
        self.expiresAt = expiresAt
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.registrationExpiresAt = registrationExpiresAt
        self.refreshToken = refreshToken
    }

    /// Whether the token holds what a `refresh_token` grant needs, with a registration still valid at `now`
    /// (botocore's `_refresh_access_token` conditions).
    public func canRefresh(at now: Date) -> Bool {
        guard clientId?.isEmpty == false, clientSecret?.isEmpty == false, refreshToken?.isEmpty == false,
            let registrationExpiresAt
        else { return false }
        return registrationExpiresAt > now
    }

    // MARK: - JSON

    /// Why a cache file is not a token (never quoting its contents, which hold secrets).
    public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The reason.
        public var description: String
    }

    /// Reads the cache file's JSON. `accessToken` and `expiresAt` are required (as in botocore's
    /// `SSOTokenLoader`); timestamps are read in the forms the SDKs write (`…Z`, with fractions, `+00:00`, the
    /// old CLI's `…UTC`).
    public static func decode(_ data: Data) throws -> SSOToken {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw FormatError(description: "not a JSON object")
        }
        func string(_ key: String) -> String? {
            guard let value = object[key] as? String, !value.isEmpty else { return nil }
            return value
        }
        func date(_ key: String) throws -> Date? {
            guard let text = string(key) else { return nil }
            guard let date = parseTimestamp(text) else { throw FormatError(description: "\(key) is not a timestamp") }
            return date
        }
        guard let accessToken = string("accessToken") else { throw FormatError(description: "accessToken is missing") }
        guard let expiresAt = try date("expiresAt") else { throw FormatError(description: "expiresAt is missing") }
        return SSOToken(
            startURL: string("startUrl"), region: string("region"), accessToken: accessToken, expiresAt: expiresAt,
            clientId: string("clientId"), clientSecret: string("clientSecret"),
            registrationExpiresAt: try date("registrationExpiresAt"), refreshToken: string("refreshToken"))
    }

    /// The JSON botocore writes (its `_sso_json_dumps`: timestamps as `%Y-%m-%dT%H:%M:%SZ`).
    public func encoded() -> Data {
        var object: [String: String] = ["accessToken": accessToken, "expiresAt": Self.timestamp(expiresAt)]
        if let startURL { object["startUrl"] = startURL }
        if let region { object["region"] = region }
        if let clientId { object["clientId"] = clientId }
        if let clientSecret { object["clientSecret"] = clientSecret }
        if let registrationExpiresAt { object["registrationExpiresAt"] = Self.timestamp(registrationExpiresAt) }
        if let refreshToken { object["refreshToken"] = refreshToken }
        // Sorted keys make the file stable; the values are plain strings, so serialization cannot fail.
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
    }

    /// `2026-11-30T04:15:00Z`: whole seconds, as botocore writes them.
    static func timestamp(_ date: Date) -> String {
        AWSDateCoding.iso8601String(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }

    /// ISO 8601 as the SDKs write it, plus the old AWS CLI's `2019-11-14T04:05:45UTC`.
    static func parseTimestamp(_ text: String) -> Date? {
        var text = text.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("UTC") { text = String(text.dropLast(3)) + "Z" }
        return AWSDateCoding.parseISO8601(text)
    }
}

extension SSOToken: CustomStringConvertible {
    /// Shows the expiry only, so tokens never leak into logs or error messages.
    public var description: String { "SSOToken(expires \(Self.timestamp(expiresAt)), secrets: ***)" }
}
