/// Finds the region the way the SDKs do: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the profile's `region`.
public struct RegionResolver: Sendable {
    /// A region and where it came from.
    public struct Resolved: Sendable, Equatable {
        /// The region name (`eu-west-1`).
        public var region: String
        /// Where it was found (`AWS_REGION`, `profile dev in /home/u/.aws/config`).
        public var source: String
    }

    /// The environment read.
    public var environment: AWSEnvironment
    /// The parsed profiles (for the profile's `region`).
    public var profiles: AWSProfileStore

    /// Creates a resolver over an environment and its profiles.
    public init(environment: AWSEnvironment, profiles: AWSProfileStore) {
        self.environment = environment
        self.profiles = profiles
    }

    /// The region, or `nil` when none is configured. `profileName` defaults to the environment's profile.
    public func resolve(profileName: String? = nil) throws -> Resolved? {
        for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let region = environment[variable]?.trimmingCharacters(in: .whitespaces), !region.isEmpty {
                try Self.validate(region, source: variable)
                return Resolved(region: region, source: variable)
            }
        }
        let name = profileName ?? profiles.selectedProfileName
        if let profile = profiles.profile(name), let region = profile["region"] {
            let source = "region in profile \"\(name)\" (\(profile.origin(of: "region")))"
            try Self.validate(region, source: source)
            return Resolved(region: region, source: source)
        }
        return nil
    }

    /// The region, or `AWSConfigError.noRegion`.
    public func require(profileName: String? = nil) throws -> Resolved {
        if let resolved = try resolve(profileName: profileName) { return resolved }
        throw AWSConfigError.noRegion(profile: profileName ?? profiles.selectedProfileName)
    }

    /// A region must be a DNS label sequence (`[a-z0-9-]`), so it can never change the endpoint's host.
    public static func validate(_ region: String, source: String) throws {
        let valid =
            !region.isEmpty && region.count <= 64 && region.first != "-" && region.last != "-"
            && region.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if !valid { throw AWSConfigError.invalidRegion(region: region, source: source) }
    }
}
