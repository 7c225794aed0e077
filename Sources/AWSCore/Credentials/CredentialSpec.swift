/// Which credentials one Podium environment uses: the default chain, a named profile, a role, or fixed keys.
public indirect enum CredentialSpec: Sendable, Equatable, CustomStringConvertible {
    /// The SDK default chain (environment, profile, web identity, process, container, instance metadata).
    case defaultChain
    /// A named profile of the shared config/credentials files (environment keys are not consulted).
    case profile(String)
    /// `AssumeRole` into `roleArn`, with credentials from `source` (by default the default chain).
    case assumeRole(
        roleArn: String, externalId: String? = nil, sessionName: String? = nil, duration: Int? = nil,
        source: CredentialSpec = .defaultChain)
    /// Fixed keys (tests, emulator users).
    case fixed(AWSCredentials)

    /// A short description without secrets.
    public var description: String {
        switch self {
        case .defaultChain: return "default credential chain"
        case .profile(let name): return "profile \"\(name)\""
        case .assumeRole(let roleArn, _, _, _, let source): return "role \(roleArn) (from \(source))"
        case .fixed(let credentials): return "fixed credentials \(credentials.accessKeyId)"
        }
    }
}
