import Foundation

/// Builds credential providers for a `CredentialSpec`, reading the environment and files it was given.
///
/// Providers are lazy: nothing is read or fetched until the first `getCredentials()`, so building clients
/// at startup never fails; configuration errors surface, clearly, on first use.
public struct CredentialProviderFactory: Sendable {
    /// The environment variables and file system.
    public var environment: AWSEnvironment
    /// The HTTP seam for ECS, IMDS and STS.
    public var transport: any HTTPTransport
    /// The region for STS calls; `nil` resolves it from the environment and profile (else `us-east-1`).
    public var region: String?
    /// The clock.
    public var now: @Sendable () -> Date
    /// How long a `credential_process` may run.
    public var processTimeout: Duration

    /// Creates a factory.
    public init(
        environment: AWSEnvironment = .process, transport: any HTTPTransport = AsyncHTTPTransport.shared,
        region: String? = nil, processTimeout: Duration = .seconds(60), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.environment = environment
        self.transport = transport
        self.region = region
        self.processTimeout = processTimeout
        self.now = now
    }

    /// The default chain over the real process environment.
    public static var `default`: any CredentialProvider {
        CredentialProviderFactory().makeProvider(.defaultChain)
    }

    /// A provider for one spec.
    public func makeProvider(_ spec: CredentialSpec) -> any CredentialProvider {
        switch spec {
        case .defaultChain:
            return CredentialProviderChain(name: spec.description) { try await self.resolveDefaultChain() }
        case .profile(let name):
            return CredentialProviderChain(name: spec.description) {
                try ProfileCredentialResolver(store: try self.loadProfiles(), factory: self).provider(forProfile: name)
            }
        case .assumeRole(let roleArn, let externalId, let sessionName, let duration, let source):
            let sourceProvider = makeProvider(source)
            return CredentialProviderChain(name: spec.description) {
                let sts = try self.stsAccess(store: try self.loadProfiles(), profileName: nil)
                let provider = AssumeRoleCredentialProvider(
                    roleArn: roleArn, sessionName: sessionName, externalId: externalId, durationSeconds: duration,
                    source: sourceProvider, sts: sts, now: self.now)
                return CachingCredentialProvider(provider, name: "role \(roleArn)", now: self.now)
            }
        case .fixed(let credentials):
            return StaticCredentialProvider(credentials)
        }
    }

    // MARK: - The default chain

    /// Selects the first configured source, in the order of botocore's default resolver: environment keys,
    /// the profile's `role_arn`, web identity, the profile's keys / `credential_process`, container
    /// credentials, then instance metadata (probed once; its failure is reported with the others).
    func resolveDefaultChain() async throws -> any CredentialProvider {
        var attempts: [String] = []
        if EnvironmentCredentialProvider.isConfigured(in: environment) {
            _ = try EnvironmentCredentialProvider.read(environment, now: now())  // a missing half fails here
            return EnvironmentCredentialProvider(environment: environment, now: now)
        }
        attempts.append("environment: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set")

        let store = try loadProfiles()
        let profileName = store.selectedProfileName
        let profile = store.profile(profileName)
        let explicitlySelected = environment["AWS_PROFILE"] != nil || environment["AWS_DEFAULT_PROFILE"] != nil
        if profile == nil && explicitlySelected {
            throw CredentialProviderError.configuration(
                .profileNotFound(profile: profileName, searched: store.searchedFiles))
        }
        let resolver = ProfileCredentialResolver(store: store, factory: self)
        if let profile, let provider = try resolver.roleProvider(profile, visited: [profileName]) { return provider }
        if let provider = try resolver.webIdentityProvider(profile: profile, useEnvironment: true) { return provider }
        attempts.append("web identity: AWS_WEB_IDENTITY_TOKEN_FILE is not set")
        if let profile {
            if let provider = try resolver.sourceProvider(profile) { return provider }
            attempts.append("profile \"\(profileName)\" (\(profile.origin(of: ""))): no credentials in it")
        } else {
            let files = store.searchedFiles.isEmpty ? "no home directory" : store.searchedFiles.joined(separator: ", ")
            attempts.append("profile \"\(profileName)\": not found (\(files))")
        }

        if ContainerCredentialProvider.isConfigured(in: environment) {
            return CachingCredentialProvider(
                ContainerCredentialProvider(environment: environment, transport: transport),
                name: "container credentials", now: now)
        }
        attempts.append("container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI are not set")

        if InstanceMetadataCredentialProvider.isDisabled(in: environment) {
            attempts.append("EC2 instance metadata: disabled by AWS_EC2_METADATA_DISABLED")
        } else {
            let imds = CachingCredentialProvider(
                InstanceMetadataCredentialProvider(environment: environment, transport: transport),
                name: "EC2 instance metadata", now: now)
            do {
                _ = try await imds.getCredentials()
                return imds
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                attempts.append("EC2 instance metadata: \(error)")
            }
        }
        throw CredentialProviderError.noCredentials(attempts: attempts)
    }

    // MARK: - Shared pieces

    /// Reads the shared files; their errors become `CredentialProviderError.configuration`.
    func loadProfiles() throws -> AWSProfileStore {
        do {
            return try AWSProfileStore.load(from: environment)
        } catch let error as AWSConfigError {
            throw CredentialProviderError.configuration(error)
        }
    }

    /// Where role providers send STS calls: this factory's region, else the profile's/environment's, else
    /// `us-east-1`; the endpoint honours `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL` and profile settings.
    func stsAccess(store: AWSProfileStore, profileName: String?) throws -> STSAccess {
        do {
            let stsRegion =
                try region
                ?? RegionResolver(environment: environment, profiles: store).resolve(profileName: profileName)?.region
                ?? "us-east-1"
            let endpoint = try EndpointResolver(environment: environment, profiles: store, profileName: profileName)
                .resolve(EndpointResolver.Service.sts, region: stsRegion)
            // PODIUM_AWS_READ_TIMEOUT bounds STS too (an invalid value is reported by the client factory).
            let timeouts = (try? TransportTimeouts(environment: environment.variables)) ?? TransportTimeouts()
            return STSAccess(region: stsRegion, endpoint: endpoint.url, transport: transport, timeouts: timeouts)
        } catch let error as AWSConfigError {
            throw CredentialProviderError.configuration(error)
        }
    }
}
