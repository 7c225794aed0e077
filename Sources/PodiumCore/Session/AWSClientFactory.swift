import AWSCore

/// Builds the `AWSClient` for one environment (or the registry) from its region and credentials setting.
/// The default factory uses AWSCore's credential providers; tests pass clients on a recording transport.
public protocol AWSClientFactory: Sendable {
    /// A client for `region` with `credentials`; with `readOnly`, AWSCore refuses every write.
    func makeClient(region: String, credentials: CredentialsConfig, readOnly: Bool) throws -> AWSClient
    /// The profile names of the shared config and credentials files (nil: this factory does not read them).
    func profileNames() throws -> [String]?
}

extension AWSClientFactory {
    /// The profile names the shared config and credentials files define, or nil when this factory does not read
    /// them (then `:profile` cannot check a name before trying it).
    public func profileNames() throws -> [String]? { nil }
}
