import Foundation

/// An SSO-OIDC client registration (`RegisterClient`'s `clientId`, `clientSecret` and expiry), cached in the shared
/// SSO cache the way the AWS CLI v2 caches it, so `podium login` and `aws sso login --use-device-code` register once
/// and reuse the registration until it expires.
///
/// The AWS CLI v2 (its vendored botocore's `BaseSSOTokenFetcher._registration`) stores it in `~/.aws/sso/cache`
/// as `<sha1 hex of the key>.json`, the key being the JSON text Python's `json.dumps(args, sort_keys=True)` gives
/// for `{"tool": "botocore", "startUrl", "region", "scopes", "session_name"}` (`scopes` and `session_name` are
/// `null` when absent), and the file `{"clientId", "clientSecret", "expiresAt": "…Z", "scopes": […]}`. It
/// registers again when less than 15 minutes are left (`_is_expired` with its `_EXPIRY_WINDOW`).
public struct SSOClientRegistration: Sendable, Equatable {
    /// The registered client.
    public var clientId: String
    /// The client's secret. Never logged or shown.
    public var clientSecret: String
    /// When the registration expires (`clientSecretExpiresAt`).
    public var expiresAt: Date
    /// The scopes it was registered with (none for a legacy profile).
    public var scopes: [String]
    /// The OAuth grant types it was registered for, when the cache file names them (the AWS CLI's
    /// authorization-code flow does); `nil` when it does not, which is what a device-code registration looks like.
    public var grantTypes: [String]?

    /// The AWS CLI's window: a registration with less than this left is registered again.
    public static let expiryWindow: TimeInterval = 15 * 60
    /// The device-code grant a `podium login` registration must allow.
    public static let deviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code"

    /// Creates a registration.
    public init(
        clientId: String, clientSecret: String, expiresAt: Date, scopes: [String] = [], grantTypes: [String]? = nil
    ) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.expiresAt = expiresAt
        self.scopes = scopes
        self.grantTypes = grantTypes
    }

    /// Whether the device-code flow may use it at `now`: at least 15 minutes left, and no grant-type list that
    /// leaves out the device-code grant (an authorization-code registration cannot start a device authorization).
    public func isUsable(at now: Date) -> Bool {
        guard expiresAt.timeIntervalSince(now) >= Self.expiryWindow else { return false }
        guard let grantTypes else { return true }
        return grantTypes.contains(Self.deviceCodeGrant)
    }

    // MARK: - Cache key

    /// The key whose SHA-1 names the registration's cache file: the JSON text the AWS CLI hashes, with the scopes
    /// podium registers with (`null` when none, as the CLI passes `None`) and the session name (`null` for a legacy
    /// profile).
    public static func cacheKey(for configuration: SSOConfiguration) -> String {
        let scopes =
            configuration.registrationScopes.isEmpty
            ? "null" : "[" + configuration.registrationScopes.map(pythonJSON).joined(separator: ", ") + "]"
        // Python's sort_keys order (code points): region, scopes, session_name, startUrl, tool.
        return "{\"region\": \(pythonJSON(configuration.region)), \"scopes\": \(scopes), "
            + "\"session_name\": \(configuration.sessionName.map(pythonJSON) ?? "null"), "
            + "\"startUrl\": \(pythonJSON(configuration.startURL)), \"tool\": \"botocore\"}"
    }

    /// A string as Python's `json.dumps` writes it (`ensure_ascii`): `"` and `\` escaped, the usual short escapes,
    /// every other control or non-ASCII character as `\uXXXX` (UTF-16, so astral characters are surrogate pairs).
    static func pythonJSON(_ text: String) -> String {
        var out = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default: out += String(format: "\\u%04x", unit)
            }
        }
        return out + "\""
    }

    // MARK: - JSON

    /// Reads a cache file; `nil` when it is not a registration (not JSON, or without `clientId`, `clientSecret` or
    /// a readable `expiresAt`). Its contents are never quoted: they hold a secret.
    public static func decode(_ data: Data) -> SSOClientRegistration? {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let clientId = object["clientId"] as? String, !clientId.isEmpty,
            let clientSecret = object["clientSecret"] as? String, !clientSecret.isEmpty,
            let expiry = object["expiresAt"] as? String, let expiresAt = SSOToken.parseTimestamp(expiry)
        else { return nil }
        return SSOClientRegistration(
            clientId: clientId, clientSecret: clientSecret, expiresAt: expiresAt,
            scopes: (object["scopes"] as? [String]) ?? [], grantTypes: object["grantTypes"] as? [String])
    }

    /// The JSON the AWS CLI writes (timestamps as `%Y-%m-%dT%H:%M:%SZ`; `scopes` only when there are some).
    public func encoded() -> Data {
        var object: [String: Any] = [
            "clientId": clientId, "clientSecret": clientSecret, "expiresAt": SSOToken.timestamp(expiresAt),
        ]
        if !scopes.isEmpty { object["scopes"] = scopes }
        if let grantTypes { object["grantTypes"] = grantTypes }
        // Plain strings and string arrays: serialization cannot fail.
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
    }
}

extension SSOClientRegistration: CustomStringConvertible {
    /// The client id and expiry only: the secret never reaches a log.
    public var description: String {
        "SSOClientRegistration(\(clientId), expires \(SSOToken.timestamp(expiresAt)), secret: ***)"
    }
}
