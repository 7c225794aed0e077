/// One named profile, merged from the config file and the credentials file (the credentials file wins per key).
public struct AWSProfile: Sendable, Equatable {
    /// The profile name (`default`, `dev`).
    public var name: String
    /// The settings by lower-cased key.
    public var properties: [String: AWSConfigFile.Value]
    /// For each key, the file it came from (for error messages).
    public var origins: [String: String]

    /// Creates a profile.
    public init(name: String, properties: [String: AWSConfigFile.Value] = [:], origins: [String: String] = [:]) {
        self.name = name
        self.properties = properties
        self.origins = origins
    }

    /// A plain setting, or `nil` when it is absent, empty or a sub-section.
    public subscript(_ key: String) -> String? {
        guard let value = properties[key.lowercased()]?.string, !value.isEmpty else { return nil }
        return value
    }

    /// A nested sub-section (`s3 =` followed by indented lines).
    public func subsection(_ key: String) -> [String: String]? {
        properties[key.lowercased()]?.subsection
    }

    /// Whether the key is present at all (even empty).
    public func has(_ key: String) -> Bool {
        properties[key.lowercased()] != nil
    }

    /// The file a key came from, or the files of the profile when the key is absent.
    public func origin(of key: String) -> String {
        if let file = origins[key.lowercased()] { return file }
        let files = Set(origins.values).sorted()
        return files.isEmpty ? "(no file)" : files.joined(separator: " and ")
    }

    /// Whether the profile holds static keys (`aws_access_key_id` or `aws_secret_access_key`).
    public var hasStaticCredentials: Bool {
        has("aws_access_key_id") || has("aws_secret_access_key")
    }

    /// Merges `other`'s keys over this profile's.
    mutating func merge(_ properties: [String: AWSConfigFile.Value], from path: String) {
        for (key, value) in properties {
            self.properties[key] = value
            origins[key] = path
        }
    }
}
