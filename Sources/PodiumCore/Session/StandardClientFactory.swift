import AWSCore
import Foundation
import Logging

/// Builds real AWS clients: credentials from AWSCore's `CredentialProviderFactory` (default chain, profile,
/// assumed role), endpoints from AWSCore's `EndpointResolver` (so `AWS_ENDPOINT_URL` points podium at the emulator).
public struct StandardClientFactory: AWSClientFactory {
    /// The process environment (variables and home directory) credentials and endpoints are read from.
    public let environment: [String: String]
    /// The logger for AWS call attempts (`--debug` sets it to debug level on stderr).
    public let logger: Logger
    /// The request limits shared per (credentials, region) by every client this factory makes.
    public let limitsPool: RequestLimitsPool

    /// Creates a factory.
    /// - Parameter requests: the config's `aws:` settings (in-flight bound, adaptive rate limiting).
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger,
        requests: AWSRequestSettings = AWSRequestSettings()
    ) {
        self.environment = environment
        self.logger = logger
        limitsPool = RequestLimitsPool(settings: requests)
    }

    /// A client for one environment (or the registry). Credentials are fetched lazily, on the first call. Clients
    /// with the same credentials setting and region share one `RequestLimits`.
    public func makeClient(region: String, credentials: CredentialsConfig, readOnly: Bool) throws -> AWSClient {
        let awsEnvironment = self.awsEnvironment
        let resolver = EndpointResolver(environment: awsEnvironment)
        let factory = CredentialProviderFactory(environment: awsEnvironment, region: region)
        return AWSClient(
            region: region, credentialProvider: factory.makeProvider(Self.spec(for: credentials)),
            endpoints: .resolver(resolver.urlResolver), readOnly: readOnly, logger: logger,
            timeouts: try TransportTimeouts(environment: environment),
            limits: limitsPool.limits(region: region, credentials: credentials))
    }

    /// The AWSCore credential spec of a config `credentials:` setting.
    public static func spec(for credentials: CredentialsConfig) -> CredentialSpec {
        let source: CredentialSpec = credentials.profile.map { .profile($0) } ?? .defaultChain
        guard let roleArn = credentials.roleArn else { return source }
        return .assumeRole(
            roleArn: roleArn, externalId: credentials.externalId, sessionName: credentials.sessionName, source: source)
    }

    /// The profiles of the files `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` (or `~/.aws/…`) name, read now,
    /// so a profile added while the console runs can be switched to.
    public func profileNames() throws -> [String]? {
        try AWSProfileStore.load(from: awsEnvironment).profiles.keys.sorted()
    }

    /// The process environment as AWSCore reads it.
    var awsEnvironment: AWSEnvironment {
        AWSEnvironment(
            variables: environment,
            homeDirectory: environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory())
    }
}
