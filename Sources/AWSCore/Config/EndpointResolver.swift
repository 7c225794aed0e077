import Foundation

/// Resolves a service's endpoint URL, signing name and signing region.
///
/// Configured endpoints are looked up in botocore's order: `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`,
/// `endpoint_url` under the service in the profile's `[services x]` section, then the profile's own
/// `endpoint_url`. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or the profile's
/// `ignore_configured_endpoint_urls = true`) turns all four off. Otherwise the standard host is used:
/// `<prefix>.<region>.<partition DNS suffix>`.
public struct EndpointResolver: Sendable {
    /// The endpoint facts of one service.
    public struct Service: Sendable, Equatable {
        /// The service id (`SageMaker`, `CloudWatch`, `CloudWatch Logs`); names the environment variable.
        public var serviceId: String
        /// The host prefix (`api.sagemaker`, `monitoring`, `sts`).
        public var endpointPrefix: String
        /// The SigV4 signing name.
        public var signingName: String

        /// Creates a service description.
        public init(serviceId: String, endpointPrefix: String, signingName: String) {
            self.serviceId = serviceId
            self.endpointPrefix = endpointPrefix
            self.signingName = signingName
        }

        /// The endpoint facts of an `AWSServiceDescription`.
        public init(_ description: AWSServiceDescription) {
            self.init(
                serviceId: description.serviceId, endpointPrefix: description.endpointPrefix,
                signingName: description.signingName)
        }

        /// `AWS_ENDPOINT_URL_<ID>`: the service id upper-cased, spaces and hyphens as underscores.
        public var environmentVariable: String {
            "AWS_ENDPOINT_URL_" + snakeCaseId.uppercased()
        }

        /// The key under a `[services x]` section: the service id lower-cased, spaces and hyphens as underscores.
        public var servicesSectionKey: String { snakeCaseId.lowercased() }

        private var snakeCaseId: String {
            serviceId.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        }

        /// SageMaker: `api.sagemaker.<r>`, signed as `sagemaker`.
        public static let sageMaker = Service(
            serviceId: "SageMaker", endpointPrefix: "api.sagemaker", signingName: "sagemaker")
        /// CloudWatch: `monitoring.<r>`, signed as `monitoring`.
        public static let cloudWatch = Service(
            serviceId: "CloudWatch", endpointPrefix: "monitoring", signingName: "monitoring")
        /// STS, regional: `sts.<r>`.
        public static let sts = Service(serviceId: "STS", endpointPrefix: "sts", signingName: "sts")
        /// S3: `s3.<r>`.
        public static let s3 = Service(serviceId: "S3", endpointPrefix: "s3", signingName: "s3")
        /// SSM: `ssm.<r>`.
        public static let ssm = Service(serviceId: "SSM", endpointPrefix: "ssm", signingName: "ssm")
        /// CloudFormation: `cloudformation.<r>`.
        public static let cloudFormation = Service(
            serviceId: "CloudFormation", endpointPrefix: "cloudformation", signingName: "cloudformation")
        /// CloudWatch Logs: `logs.<r>`, variable `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`.
        public static let logs = Service(serviceId: "CloudWatch Logs", endpointPrefix: "logs", signingName: "logs")
    }

    /// The environment read for `AWS_ENDPOINT_URL*` and `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`.
    public var environment: AWSEnvironment
    /// The active profile, if any.
    public var profile: AWSProfile?
    /// The profile's `[services x]` section, if it names one.
    public var servicesSection: [String: [String: String]]?
    /// The name of that section (for `source`).
    public var servicesSectionName: String?

    /// Creates a resolver from parts.
    public init(
        environment: AWSEnvironment, profile: AWSProfile? = nil, servicesSection: [String: [String: String]]? = nil,
        servicesSectionName: String? = nil
    ) {
        self.environment = environment
        self.profile = profile
        self.servicesSection = servicesSection
        self.servicesSectionName = servicesSectionName
    }

    /// A resolver for a profile of a store (`nil`: the environment's profile). A missing profile is fine here
    /// (there is simply no profile configuration); a missing `[services x]` section it names is an error.
    public init(environment: AWSEnvironment, profiles: AWSProfileStore, profileName: String? = nil) throws {
        let profile = profiles.profile(profileName ?? profiles.selectedProfileName)
        let section = try profile.flatMap { try profiles.servicesSection(for: $0) }
        self.init(
            environment: environment, profile: profile, servicesSection: section,
            servicesSectionName: profile?["services"])
    }

    /// Whether configured endpoint URLs are ignored (environment first, then the profile).
    public var ignoresConfiguredEndpoints: Bool {
        if let value = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] { return value.lowercased() == "true" }
        return profile?["ignore_configured_endpoint_urls"]?.lowercased() == "true"
    }

    /// Resolves the endpoint of an `AWSServiceDescription` in `region`.
    public func resolve(_ service: AWSServiceDescription, region: String) throws -> ResolvedEndpoint {
        var resolved = try resolve(Service(service), region: region)
        if resolved.source == .standard, let global = service.globalEndpoint(forClientRegion: region) {
            resolved.url = global
            resolved.signingRegion = service.signingRegion(forClientRegion: region)
        }
        return resolved
    }

    /// Resolves the endpoint of a service in `region`.
    public func resolve(_ service: Service, region: String) throws -> ResolvedEndpoint {
        try RegionResolver.validate(region, source: "the region")
        let partition = AWSPartition.of(region: region)
        if let (value, source) = configuredEndpoint(for: service) {
            guard let url = URL(string: value), let scheme = url.scheme?.lowercased(),
                scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
            else {
                throw AWSConfigError.invalidEndpointURL(value: value, source: Self.describe(source))
            }
            return ResolvedEndpoint(
                url: url, signingName: service.signingName, signingRegion: region, partition: partition,
                source: source)
        }
        let url = URL(string: "https://\(service.endpointPrefix).\(region).\(partition.dnsSuffix)")!
        return ResolvedEndpoint(
            url: url, signingName: service.signingName, signingRegion: region, partition: partition,
            source: .standard)
    }

    /// The configured endpoints of `services` that would send credentials in the clear (plain `http://` to a
    /// host that is not loopback), one per URL: configured URLs do not depend on the region.
    public func endpointsCarryingCredentialsInTheClear(_ services: [Service]) -> [ResolvedEndpoint] {
        var seen = Set<String>()
        return services.compactMap { service in
            guard let endpoint = try? resolve(service, region: "us-east-1"), endpoint.carriesCredentialsInTheClear,
                seen.insert(endpoint.url.absoluteString).inserted
            else { return nil }
            return endpoint
        }
    }

    /// A closure suitable for `EndpointSource.resolver` (every answer counts as custom).
    public var urlResolver: @Sendable (AWSServiceDescription, String) throws -> URL {
        let resolver = self
        return { service, region in try resolver.resolve(service, region: region).url }
    }

    // MARK: - Helpers

    private func configuredEndpoint(for service: Service) -> (String, ResolvedEndpoint.Source)? {
        if ignoresConfiguredEndpoints { return nil }
        if let value = environment[service.environmentVariable] {
            return (value, .serviceEnvironmentVariable(service.environmentVariable))
        }
        if let value = environment["AWS_ENDPOINT_URL"] {
            return (value, .globalEnvironmentVariable)
        }
        if let profile, let value = servicesSection?[service.servicesSectionKey]?["endpoint_url"], !value.isEmpty {
            return (value, .servicesSection(profile: profile.name, section: servicesSectionName ?? ""))
        }
        if let profile, let value = profile["endpoint_url"] {
            return (value, .profile(profile.name))
        }
        return nil
    }

    /// Where an endpoint came from, as a person would look for it (`AWS_ENDPOINT_URL`, a profile setting).
    public static func describe(_ source: ResolvedEndpoint.Source) -> String {
        switch source {
        case .standard: return "the standard endpoint"
        case .serviceEnvironmentVariable(let name): return name
        case .globalEnvironmentVariable: return "AWS_ENDPOINT_URL"
        case .servicesSection(let profile, let section):
            return "endpoint_url in [services \(section)] (profile \"\(profile)\")"
        case .profile(let profile): return "endpoint_url in profile \"\(profile)\""
        }
    }
}
