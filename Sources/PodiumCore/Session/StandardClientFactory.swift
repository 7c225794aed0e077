import AWSCore
import Foundation
import Logging

/// Builds real AWS clients: credentials from AWSCore's providers (default chain, profile, assumed role),
/// endpoints from AWSCore's resolver (so `AWS_ENDPOINT_URL` points podium at the emulator).
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

    /// A client for one environment (or the registry).
    public func makeClient(region: String, credentials: CredentialsConfig, readOnly: Bool) throws -> AWSClient {
        let awsEnvironment = AWSEnvironment(
            variables: environment, homeDirectory: environment["HOME"].flatMap { $0.isEmpty ? nil : $0 })
        let resolver = EndpointResolver(environment: awsEnvironment)
        let base = try baseProvider(credentials: credentials, environment: awsEnvironment, region: region)
        var provider: any CredentialProvider = base
        if let roleArn = credentials.roleArn {
            let user = environment["USER"].map { $0.filter { $0.isLetter || $0.isNumber } } ?? ""
            let sessionName = credentials.sessionName ?? ("podium" + (user.isEmpty ? "" : "-\(user)"))
            let sts = STSClient(
                client: AWSClient(
                    region: region, credentialProvider: base, endpointResolver: resolver.urlResolver, readOnly: false,
                    logger: logger))
            provider = CachingCredentialProvider(
                RoleCredentialSource(sts: sts, roleArn: roleArn, sessionName: String(sessionName.prefix(64)), externalId: credentials.externalId),
                name: "role \(roleArn)")
        }
        return AWSClient(
            region: region, credentialProvider: provider, endpointResolver: resolver.urlResolver, readOnly: readOnly,
            logger: logger)
    }

    private func baseProvider(credentials: CredentialsConfig, environment: AWSEnvironment, region: String) throws
        -> any CredentialProvider
    {
        // INTERIM until AWSCore's CredentialProviderFactory lands: environment variables only.
        if let profile = credentials.profile {
            throw PodiumError(.usage, "profile credentials (\(profile)) are not supported by this build yet")
        }
        return CachingCredentialProvider(EnvironmentCredentialProvider(environment: environment), name: "environment")
    }
}

/// Assumes a role with STS AssumeRole (wrapped in `CachingCredentialProvider`).
struct RoleCredentialSource: CredentialProvider {
    let sts: STSClient
    let roleArn: String
    let sessionName: String
    let externalId: String?

    func getCredentials() async throws -> AWSCredentials {
        let response = try await sts.assumeRole(
            AssumeRoleRequest(roleArn: roleArn, roleSessionName: sessionName, externalId: externalId))
        guard let c = response.credentials else {
            throw PodiumError(.failed, "AssumeRole \(roleArn) returned no credentials")
        }
        return AWSCredentials(
            accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken,
            expiration: c.expiration)
    }
}
