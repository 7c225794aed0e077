/// Who podium acts as in one environment (`GetCallerIdentity`).
public struct CallerIdentity: Sendable, Equatable, Codable {
    /// The caller ARN (an assumed-role session ARN when a role is used).
    public var arn: String
    /// The account id.
    public var account: String
    /// The user id.
    public var userId: String?

    /// Creates an identity.
    public init(arn: String, account: String, userId: String?) {
        self.arn = arn
        self.account = account
        self.userId = userId
    }

    /// The ARN shortened for status bars: `assumed-role/podium-promoter/alice`.
    public var shortName: String {
        guard let parsed = ARNShape.parse(arn) else { return arn }
        return parsed.resource
    }
}
