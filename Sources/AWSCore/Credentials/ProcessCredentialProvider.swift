import Foundation

/// Credentials printed by an external command (`credential_process`), e.g. `aws configure export-credentials
/// --profile sso-dev --format process`, which is how SSO logins reach Podium.
///
/// The output must be JSON `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}`.
/// The command runs without a shell, with a timeout. Its stderr goes straight to podium's stderr (the terminal)
/// while it runs and is never part of an error: a helper may print anything there, secrets included, and errors
/// are logged and audited.
public struct ProcessCredentialProvider: CredentialProvider {
    /// The command line as written in the profile.
    public let command: String
    /// The profile it came from (for messages).
    public let profileName: String
    /// The environment the command runs with.
    public let environment: AWSEnvironment
    /// How long the command may run.
    public let timeout: Duration
    /// Where the command's stderr goes (podium's own stderr unless a test says otherwise).
    public let stderrDescriptor: Int32

    /// Creates the provider.
    public init(
        command: String, profileName: String, environment: AWSEnvironment, timeout: Duration = .seconds(60),
        stderrDescriptor: Int32 = 2
    ) {
        self.command = command
        self.profileName = profileName
        self.environment = environment
        self.timeout = timeout
        self.stderrDescriptor = stderrDescriptor
    }

    /// Runs the command and decodes its output.
    public func getCredentials() async throws -> AWSCredentials {
        let output: CredentialProcessRunner.Output
        do {
            let arguments = try CredentialProcessRunner.split(command)
            output = try await CredentialProcessRunner.run(
                arguments: arguments, environment: environment.variables, timeout: timeout,
                stderrDescriptor: stderrDescriptor)
        } catch let failure as CredentialProcessRunner.LaunchFailure {
            throw CredentialProviderError.processFailed(profile: profileName, reason: failure.reason, stderr: "")
        }
        try Task.checkCancellation()
        // Its stderr was shown as it ran; the error only points there.
        let seeAbove = " (its own messages, if any, are on stderr above)"
        if output.timedOut {
            throw CredentialProviderError.processFailed(
                profile: profileName, reason: "timed out after \(timeout) and was stopped" + seeAbove, stderr: "")
        }
        guard output.status == 0 else {
            throw CredentialProviderError.processFailed(
                profile: profileName, reason: "exited with status \(output.status)" + seeAbove, stderr: "")
        }
        do {
            let object = try CredentialJSON.object(output.stdout)
            guard let version = object["Version"] as? Int, version == 1 else {
                throw CredentialJSON.Problem("\"Version\" must be 1")
            }
            return try CredentialJSON.credentials(from: object, tokenKey: "SessionToken")
        } catch let problem as CredentialJSON.Problem {
            throw CredentialProviderError.invalidProcessOutput(profile: profileName, reason: problem.reason)
        }
    }
}
