import Foundation

/// Why credentials could not be obtained. Messages name the profile, file, variable or endpoint involved and
/// never contain a secret key, session token or authorization token.
public enum CredentialProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No source in the chain had credentials; one line per source tried, saying why.
    case noCredentials(attempts: [String])
    /// The config or credentials files could not be read or parsed.
    case configuration(AWSConfigError)
    /// A profile names only part of what a source needs (`aws_access_key_id` without the secret, ...).
    case incompleteProfile(profile: String, file: String, missing: String)
    /// A profile's settings contradict each other or have invalid values.
    case invalidProfile(profile: String, file: String, reason: String)
    /// The profile exists but holds no way to get credentials.
    case profileHasNoCredentials(profile: String, file: String)
    /// `source_profile` references form a loop.
    case sourceProfileLoop(profiles: [String])
    /// `credential_source` is not `Environment`, `Ec2InstanceMetadata` or `EcsContainer`.
    case invalidCredentialSource(profile: String, value: String)
    /// Environment variables are set inconsistently.
    case invalidEnvironment(variable: String, reason: String)
    /// `credential_process` could not be run, timed out or exited with an error (its stderr is included).
    case processFailed(profile: String, reason: String, stderr: String)
    /// `credential_process` printed something that is not valid Version 1 JSON.
    case invalidProcessOutput(profile: String, reason: String)
    /// The web identity (or container authorization) token file could not be read.
    case tokenFileUnreadable(path: String, reason: String)
    /// A metadata endpoint (ECS, IMDS) could not be reached or refused.
    case metadataUnavailable(provider: String, endpoint: String, reason: String)
    /// A metadata endpoint answered with something that is not credentials.
    case invalidMetadataResponse(provider: String, reason: String)
    /// A source is switched off (`AWS_EC2_METADATA_DISABLED=true`).
    case disabled(provider: String, reason: String)
    /// STS refused or failed the role assumption.
    case roleAssumptionFailed(roleArn: String, operation: String, reason: String)
    /// STS could not be reached for the role assumption (connection refused or reset, or no answer in time):
    /// a network problem, unlike a refusal.
    case roleAssumptionUnreachable(roleArn: String, operation: String, reason: String)
    /// The source returned credentials that have already expired.
    case expired(provider: String, expiration: Date)
    /// STS refused to assume the role because the source credentials (the ones calling `AssumeRole`) have
    /// expired; only new source credentials help.
    case sourceCredentialsExpired(roleArn: String, code: String)

    /// A one-paragraph explanation for the user.
    public var description: String {
        switch self {
        case .noCredentials(let attempts):
            return "no AWS credentials found. Tried, in order:\n"
                + attempts.map { "  - \($0)" }.joined(separator: "\n")
        case .configuration(let error):
            return error.description
        case .incompleteProfile(let profile, let file, let missing):
            return "profile \"\(profile)\" (\(file)) is incomplete: \(missing) is missing"
        case .invalidProfile(let profile, let file, let reason):
            return "profile \"\(profile)\" (\(file)): \(reason)"
        case .profileHasNoCredentials(let profile, let file):
            return "profile \"\(profile)\" (\(file)) has no credentials: expected aws_access_key_id and "
                + "aws_secret_access_key, role_arn with source_profile or credential_source, "
                + "web_identity_token_file, or credential_process"
        case .sourceProfileLoop(let profiles):
            return "source_profile loop: " + profiles.map { "\"\($0)\"" }.joined(separator: " -> ")
        case .invalidCredentialSource(let profile, let value):
            return "profile \"\(profile)\": credential_source \"\(value)\" is not one of Environment, "
                + "Ec2InstanceMetadata, EcsContainer"
        case .invalidEnvironment(let variable, let reason):
            return "\(variable): \(reason)"
        case .processFailed(let profile, let reason, let stderr):
            let detail = stderr.isEmpty ? "" : "; stderr: \(stderr)"
            return "credential_process of profile \"\(profile)\" \(reason)\(detail)"
        case .invalidProcessOutput(let profile, let reason):
            return "credential_process of profile \"\(profile)\" printed invalid output: \(reason)"
        case .tokenFileUnreadable(let path, let reason):
            return "cannot read token file \(path): \(reason)"
        case .metadataUnavailable(let provider, let endpoint, let reason):
            return "\(provider) credentials unavailable from \(endpoint): \(reason)"
        case .invalidMetadataResponse(let provider, let reason):
            return "\(provider) returned invalid credentials: \(reason)"
        case .disabled(let provider, let reason):
            return "\(provider) is disabled: \(reason)"
        case .roleAssumptionFailed(let roleArn, let operation, let reason),
            .roleAssumptionUnreachable(let roleArn, let operation, let reason):
            return "\(operation) for \(roleArn) failed: \(reason)"
        case .expired(let provider, let expiration):
            return "\(provider) returned credentials that expired at \(ISO8601DateFormatter().string(from: expiration))"
        case .sourceCredentialsExpired(let roleArn, let code):
            return "AssumeRole for \(roleArn) was refused (\(code)): the source credentials used to assume the role "
                + "have expired. Refresh the source credentials (aws sso login, a new AWS_SESSION_TOKEN, or the "
                + "source_profile's keys) and retry"
        }
    }
}

extension CredentialProviderError: LocalizedError {
    /// The same text as `description`, so `localizedDescription` is useful too.
    public var errorDescription: String? { description }
}
