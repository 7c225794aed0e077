import Foundation

/// The IAM Identity Center (SSO) settings of one profile, merged with its `[sso-session]` as botocore does.
///
/// Two forms: an `sso_session` profile (`sso_session = corp` + `[sso-session corp]` holding `sso_start_url`,
/// `sso_region`, `sso_registration_scopes`; tokens can be refreshed) and a legacy profile (`sso_start_url` and
/// `sso_region` in the profile itself; tokens are used until they expire). A profile and its session that set
/// the same key to different values is a configuration error.
public struct SSOConfiguration: Sendable, Equatable {
    /// The AWS profile.
    public var profileName: String
    /// The `[sso-session]` name, or `nil` for a legacy profile.
    public var sessionName: String?
    /// The SSO start URL (`https://my-org.awsapps.com/start`).
    public var startURL: String
    /// The region of IAM Identity Center (`sso_region`), where SSO-OIDC and the portal are called.
    public var region: String
    /// The scopes to register the client with; `sso:account:access` for a session that names none (the
    /// scope that gives a refresh token), none for a legacy profile.
    public var registrationScopes: [String]
    /// `sso_account_id`, when the profile gives role credentials.
    public var accountId: String?
    /// `sso_role_name`, when the profile gives role credentials.
    public var roleName: String?
    /// The file the settings came from (for messages).
    public var file: String

    /// The scope that lets IAM Identity Center issue refresh tokens.
    public static let defaultScopes = ["sso:account:access"]

    /// Creates a configuration from its parts.
    public init(
        profileName: String, sessionName: String?, startURL: String, region: String, registrationScopes: [String] = [],
        accountId: String? = nil, roleName: String? = nil, file: String = "(no file)"
    ) {
        self.profileName = profileName
        self.sessionName = sessionName
        self.startURL = startURL
        self.region = region
        self.registrationScopes = registrationScopes
        self.accountId = accountId
        self.roleName = roleName
        self.file = file
    }

    /// What names the token cache file: the session name, or the start URL of a legacy profile.
    public var cacheKey: String { sessionName ?? startURL }

    /// `sso-session "corp"` or `start URL https://…`, for messages.
    public var sessionLabel: String {
        sessionName.map { "sso-session \"\($0)\"" } ?? "start URL \(startURL)"
    }

    /// The keys that make a profile an SSO profile.
    static let profileKeys = ["sso_session", "sso_start_url", "sso_account_id", "sso_role_name"]

    /// The SSO settings of a profile, or `nil` when it has none of `sso_session`, `sso_start_url`,
    /// `sso_account_id`, `sso_role_name`.
    /// - Throws: `CredentialProviderError.invalidProfile` when the session is missing or disagrees with the
    ///   profile, `.incompleteProfile` when `sso_start_url` or `sso_region` is missing.
    public static func resolve(profile: AWSProfile, store: AWSProfileStore) throws -> SSOConfiguration? {
        guard profileKeys.contains(where: { profile.has($0) }) else { return nil }
        var values: [String: String] = [:]
        var origin: [String: String] = [:]
        for (key, value) in profile.properties {
            if let text = value.string { values[key] = text }
            origin[key] = profile.origin(of: key)
        }
        let sessionName = profile["sso_session"]
        if let sessionName {
            guard let session = store.ssoSessions[sessionName] else {
                throw CredentialProviderError.invalidProfile(
                    profile: profile.name, file: profile.origin(of: "sso_session"),
                    reason: "sso_session \"\(sessionName)\" names no [sso-session \(sessionName)] section in "
                        + (store.configFilePath ?? "the config file"))
            }
            for (key, value) in session.properties {
                guard let sessionValue = value.string else { continue }
                if let profileValue = values[key], profileValue != sessionValue {
                    throw CredentialProviderError.invalidProfile(
                        profile: profile.name, file: profile.origin(of: key),
                        reason: "\(key) is \"\(profileValue)\" in the profile but \"\(sessionValue)\" in "
                            + "[sso-session \(sessionName)] (\(session.origin(of: key))); a profile and its "
                            + "sso-session must agree, so remove one of them")
                }
                values[key] = sessionValue
                origin[key] = session.origin(of: key)
            }
        }
        func require(_ key: String) throws -> String {
            if let value = values[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
            let place = sessionName.map { "\(key) (in [sso-session \($0)] or the profile)" } ?? key
            throw CredentialProviderError.incompleteProfile(
                profile: profile.name, file: profile.origin(of: "sso_session"), missing: place)
        }
        let startURL = try require("sso_start_url")
        let region = try require("sso_region")
        do {
            try RegionResolver.validate(region, source: "sso_region of profile \"\(profile.name)\"")
        } catch let error as AWSConfigError {
            throw CredentialProviderError.configuration(error)
        }
        var scopes =
            values["sso_registration_scopes"].map {
                $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            } ?? []
        if sessionName != nil && scopes.isEmpty { scopes = defaultScopes }
        return SSOConfiguration(
            profileName: profile.name, sessionName: sessionName, startURL: startURL, region: region,
            registrationScopes: scopes, accountId: values["sso_account_id"].flatMap { $0.isEmpty ? nil : $0 },
            roleName: values["sso_role_name"].flatMap { $0.isEmpty ? nil : $0 },
            file: origin["sso_start_url"] ?? profile.origin(of: ""))
    }

    /// The account and role, required for role credentials (`sso_account_id`, `sso_role_name`).
    public func requireRole() throws -> (accountId: String, roleName: String) {
        guard let accountId else {
            throw CredentialProviderError.incompleteProfile(
                profile: profileName, file: file, missing: "sso_account_id (for SSO role credentials)")
        }
        guard let roleName else {
            throw CredentialProviderError.incompleteProfile(
                profile: profileName, file: file, missing: "sso_role_name (for SSO role credentials)")
        }
        return (accountId, roleName)
    }
}
