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

    /// Creates a factory.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) {
        self.environment = environment
        self.logger = logger
    }

    /// A client for one environment (or the registry). Credentials are fetched lazily, on the first call.
    public func makeClient(region: String, credentials: CredentialsConfig, readOnly: Bool) throws -> AWSClient {
        let awsEnvironment = AWSEnvironment(
            variables: environment,
            homeDirectory: environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory())
        let resolver = EndpointResolver(environment: awsEnvironment)
        let factory = CredentialProviderFactory(environment: awsEnvironment, region: region)
        return AWSClient(
            region: region, credentialProvider: factory.makeProvider(Self.spec(for: credentials)),
            endpointResolver: resolver.urlResolver, readOnly: readOnly, logger: logger,
            timeouts: try TransportTimeouts(environment: environment))
    }

    /// The AWSCore credential spec of a config `credentials:` setting.
    public static func spec(for credentials: CredentialsConfig) -> CredentialSpec {
        let source: CredentialSpec = credentials.profile.map { .profile($0) } ?? .defaultChain
        guard let roleArn = credentials.roleArn else { return source }
        return .assumeRole(
            roleArn: roleArn, externalId: credentials.externalId, sessionName: credentials.sessionName, source: source)
    }
}
