import AWSCore

/// Builds the `AWSClient` for one environment (or the registry) from its region and credentials setting.
/// The default factory uses AWSCore's credential providers; tests pass clients on a recording transport.
public protocol AWSClientFactory: Sendable {
    /// A client for `region` with `credentials`; with `readOnly`, AWSCore refuses every write.
    func makeClient(region: String, credentials: CredentialsConfig, readOnly: Bool) throws -> AWSClient
}
