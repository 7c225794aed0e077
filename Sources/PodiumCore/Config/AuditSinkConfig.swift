/// Where the audit trail is shared (`audit: { cloudwatch_logs: { group, region, credentials, stream } }`): a
/// CloudWatch Logs group the whole team writes to and reads from. The local audit log stays the durable copy.
public struct AuditSinkConfig: Sendable, Equatable, Codable {
    /// The log group (it must exist; podium creates only its own log stream in it).
    public var group: String
    /// The group's region (default: the registry's).
    public var region: String
    /// Credentials for `logs:PutLogEvents`, `logs:CreateLogStream` and `logs:FilterLogEvents` (default: the
    /// registry's).
    public var credentials: CredentialsConfig
    /// This operator's log stream; `nil` means `podium-<host>-<user>` (`AuditSinkConfig.defaultStream`).
    public var stream: String?

    /// Creates a sink setting.
    public init(group: String, region: String, credentials: CredentialsConfig, stream: String? = nil) {
        self.group = group
        self.region = region
        self.credentials = credentials
        self.stream = stream
    }

    /// `podium-<host>-<user>`, with the characters CloudWatch Logs refuses in a stream name (`:` and `*`)
    /// replaced by `_`.
    public static func defaultStream(host: String, user: String) -> String {
        String("podium-\(host)-\(user)".map { $0 == ":" || $0 == "*" ? "_" : $0 }.prefix(512))
    }

    /// Whether `name` is a valid log group name (1–512 of `A-Za-z0-9 . - _ / #`).
    public static func isValidGroup(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 512
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-/#".contains($0)) }
    }

    /// Whether `name` is a valid log stream name (1–512 characters, no `:` or `*`).
    public static func isValidStream(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 512 && !name.contains(":") && !name.contains("*")
    }
}
