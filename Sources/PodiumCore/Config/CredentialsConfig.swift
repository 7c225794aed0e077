/// How podium gets AWS credentials for one environment (or the registry).
public struct CredentialsConfig: Sendable, Equatable, Codable {
    /// A named profile from `~/.aws/config` / `~/.aws/credentials`; `nil` means the default chain.
    public var profile: String?
    /// A role to assume (with the profile's or the default chain's credentials as the source).
    public var roleArn: String?
    /// The external id for the role, when its trust policy needs one.
    public var externalId: String?
    /// The session name for the role; default `podium-<user>`.
    public var sessionName: String?

    /// Creates a credentials setting; all `nil` means the default chain.
    public init(profile: String? = nil, roleArn: String? = nil, externalId: String? = nil, sessionName: String? = nil) {
        self.profile = profile
        self.roleArn = roleArn
        self.externalId = externalId
        self.sessionName = sessionName
    }

    /// The default credential chain (environment, shared files, web identity, container, instance).
    public static let defaultChain = CredentialsConfig()

    /// A short description for `config check` and the console: `profile ml-dev`, `role arn:…`, `default chain`.
    public var summary: String {
        var parts: [String] = []
        if let profile { parts.append("profile \(profile)") }
        if let roleArn {
            parts.append("role \(roleArn)" + (externalId != nil ? " (external id)" : ""))
        }
        return parts.isEmpty ? "default chain" : parts.joined(separator: " + ")
    }
}
