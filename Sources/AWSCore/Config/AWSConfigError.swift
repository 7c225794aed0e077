/// A problem with the shared config or credentials files, or with region and endpoint settings.
///
/// Messages name the file, line, profile or variable involved, and never contain secret values.
public enum AWSConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file exists but could not be read.
    case unreadableFile(path: String, reason: String)
    /// A line of a config file could not be parsed.
    case malformedLine(path: String, line: Int, reason: String)
    /// The named profile is in neither file.
    case profileNotFound(profile: String, searched: [String])
    /// A profile names a `[services x]` section that does not exist.
    case servicesSectionNotFound(profile: String, section: String, path: String?)
    /// A configured endpoint URL is not a valid http(s) URL.
    case invalidEndpointURL(value: String, source: String)
    /// A region name is not a valid region identifier.
    case invalidRegion(region: String, source: String)
    /// No region is configured anywhere.
    case noRegion(profile: String)

    /// A one-line explanation for the user.
    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .malformedLine(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .profileNotFound(let profile, let searched):
            let files = searched.isEmpty ? "no config files (no home directory)" : searched.joined(separator: " and ")
            return "profile \"\(profile)\" not found in \(files)"
        case .servicesSectionNotFound(let profile, let section, let path):
            return "profile \"\(profile)\" uses services = \(section), but there is no [services \(section)] section"
                + (path.map { " in \($0)" } ?? "")
        case .invalidEndpointURL(let value, let source):
            return "\(source) is not a valid http(s) endpoint URL: \"\(value)\""
        case .invalidRegion(let region, let source):
            return "\(source) is not a valid region name: \"\(region)\""
        case .noRegion(let profile):
            return "no region configured: set AWS_REGION or AWS_DEFAULT_REGION, or region in profile \"\(profile)\""
        }
    }
}
