/// Names one model package version: group and version number.
public struct VersionKey: Sendable, Hashable, CustomStringConvertible {
    /// The model package group.
    public var group: String
    /// The version number.
    public var version: Int

    /// Creates a key.
    public init(group: String, version: Int) {
        self.group = group
        self.version = version
    }

    /// `churn v4`.
    public var description: String { "\(group) v\(version)" }
}
