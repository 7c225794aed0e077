import Foundation

/// Turns a profile's settings into a credential provider, following botocore's rules for `role_arn`,
/// `source_profile` chains (with loop detection), `credential_source`, web identity, `credential_process`
/// and static keys.
struct ProfileCredentialResolver: Sendable {
    let store: AWSProfileStore
    let factory: CredentialProviderFactory

    var environment: AWSEnvironment { factory.environment }

    // MARK: - Entry points

    /// The provider of an explicitly named profile; throws when the profile has no credentials.
    func provider(forProfile name: String) throws -> any CredentialProvider {
        let profile = try requireProfile(name)
        if let provider = try roleProvider(profile, visited: [name]) { return provider }
        if let provider = try webIdentityProvider(profile: profile, useEnvironment: false) { return provider }
        if let provider = try sourceProvider(profile) { return provider }
        throw CredentialProviderError.profileHasNoCredentials(profile: name, file: profile.origin(of: ""))
    }

    /// `role_arn` without `web_identity_token_file`: AssumeRole from `source_profile` or `credential_source`.
    func roleProvider(_ profile: AWSProfile, visited: [String]) throws -> (any CredentialProvider)? {
        guard let roleArn = profile["role_arn"], !profile.has("web_identity_token_file") else { return nil }
        let sourceProfile = profile["source_profile"]
        let credentialSource = profile["credential_source"]
        let file = profile.origin(of: "role_arn")
        let source: any CredentialProvider
        switch (sourceProfile, credentialSource) {
        case (.some, .some):
            throw CredentialProviderError.invalidProfile(
                profile: profile.name, file: file, reason: "it sets both source_profile and credential_source")
        case (nil, nil):
            throw CredentialProviderError.incompleteProfile(
                profile: profile.name, file: file, missing: "source_profile or credential_source (for role_arn)")
        case (nil, .some(let credentialSource)):
            source = try namedSource(credentialSource, profile: profile)
        case (.some(let sourceName), nil):
            source = try sourceProfileProvider(sourceName, parent: profile, visited: visited)
        }
        let duration = try durationSeconds(profile)
        let sts = try factory.stsAccess(store: store, profileName: profile.name)
        let provider = AssumeRoleCredentialProvider(
            roleArn: roleArn, sessionName: profile["role_session_name"], externalId: profile["external_id"],
            durationSeconds: duration, source: source, sts: sts, now: factory.now)
        return CachingCredentialProvider(provider, name: "role \(roleArn)", now: factory.now)
    }

    /// Web identity: the token file and role from the environment (when `useEnvironment`) or the profile.
    func webIdentityProvider(profile: AWSProfile?, useEnvironment: Bool) throws -> (any CredentialProvider)? {
        let tokenFile =
            (useEnvironment ? environment["AWS_WEB_IDENTITY_TOKEN_FILE"] : nil) ?? profile?["web_identity_token_file"]
        guard let tokenFile else { return nil }
        let roleArn = (useEnvironment ? environment["AWS_ROLE_ARN"] : nil) ?? profile?["role_arn"]
        guard let roleArn else {
            if let profile, profile.has("web_identity_token_file") {
                throw CredentialProviderError.incompleteProfile(
                    profile: profile.name, file: profile.origin(of: "web_identity_token_file"),
                    missing: "role_arn (for web_identity_token_file)")
            }
            throw CredentialProviderError.invalidEnvironment(
                variable: "AWS_ROLE_ARN", reason: "not set, but AWS_WEB_IDENTITY_TOKEN_FILE is")
        }
        let sessionName =
            (useEnvironment ? environment["AWS_ROLE_SESSION_NAME"] : nil) ?? profile?["role_session_name"]
        let duration = try profile.flatMap { try durationSeconds($0) }
        let sts = try factory.stsAccess(store: store, profileName: profile?.name)
        let provider = WebIdentityCredentialProvider(
            tokenFile: tokenFile, roleArn: roleArn, sessionName: sessionName, durationSeconds: duration, sts: sts,
            environment: environment, now: factory.now)
        return CachingCredentialProvider(provider, name: "web identity \(roleArn)", now: factory.now)
    }

    /// The profile's own sources, in botocore's order: IAM Identity Center (`sso_account_id` /
    /// `sso_role_name`), credentials-file keys, `credential_process`, config-file keys.
    func sourceProvider(_ profile: AWSProfile) throws -> (any CredentialProvider)? {
        if let provider = try ssoProvider(profile) { return provider }
        let credentialsFile = store.credentialsFilePath
        let keysFromCredentialsFile =
            profile.hasStaticCredentials
            && (profile.origins["aws_access_key_id"] == credentialsFile
                || profile.origins["aws_secret_access_key"] == credentialsFile)
        if keysFromCredentialsFile { return try staticProvider(profile) }
        if let command = profile["credential_process"] {
            let provider = ProcessCredentialProvider(
                command: command, profileName: profile.name, environment: environment, timeout: factory.processTimeout)
            return CachingCredentialProvider(provider, name: "credential_process of \(profile.name)", now: factory.now)
        }
        if profile.hasStaticCredentials { return try staticProvider(profile) }
        return nil
    }

    // MARK: - Pieces

    private func requireProfile(_ name: String) throws -> AWSProfile {
        do {
            return try store.requireProfile(name)
        } catch let error as AWSConfigError {
            throw CredentialProviderError.configuration(error)
        }
    }

    private func staticProvider(_ profile: AWSProfile) throws -> any CredentialProvider {
        guard let accessKeyId = profile["aws_access_key_id"] else {
            throw CredentialProviderError.incompleteProfile(
                profile: profile.name, file: profile.origin(of: "aws_secret_access_key"), missing: "aws_access_key_id")
        }
        guard let secret = profile["aws_secret_access_key"] else {
            throw CredentialProviderError.incompleteProfile(
                profile: profile.name, file: profile.origin(of: "aws_access_key_id"), missing: "aws_secret_access_key")
        }
        return StaticCredentialProvider(
            AWSCredentials(
                accessKeyId: accessKeyId, secretAccessKey: secret, sessionToken: profile["aws_session_token"]))
    }

    /// The credentials of a `source_profile`, detecting loops. A profile may name itself when it also holds
    /// static keys (botocore's rule).
    private func sourceProfileProvider(
        _ sourceName: String, parent: AWSProfile, visited: [String]
    ) throws -> any CredentialProvider {
        guard let source = store.profile(sourceName) else {
            throw CredentialProviderError.invalidProfile(
                profile: parent.name, file: parent.origin(of: "source_profile"),
                reason:
                    "source_profile \"\(sourceName)\" does not exist in \(store.searchedFiles.joined(separator: " or "))"
            )
        }
        if visited.contains(sourceName) {
            if sourceName == parent.name && source.hasStaticCredentials {
                return try staticProvider(source)
            }
            throw CredentialProviderError.sourceProfileLoop(profiles: visited + [sourceName])
        }
        if source.hasStaticCredentials { return try staticProvider(source) }
        if let role = try roleProvider(source, visited: visited + [sourceName]) { return role }
        if let webIdentity = try webIdentityProvider(profile: source, useEnvironment: false) { return webIdentity }
        if let provider = try sourceProvider(source) { return provider }
        throw CredentialProviderError.profileHasNoCredentials(profile: sourceName, file: source.origin(of: ""))
    }

    /// `credential_source = Environment | Ec2InstanceMetadata | EcsContainer`.
    private func namedSource(_ value: String, profile: AWSProfile) throws -> any CredentialProvider {
        switch value {
        case "Environment":
            guard EnvironmentCredentialProvider.isConfigured(in: environment) else {
                throw CredentialProviderError.invalidEnvironment(
                    variable: "AWS_ACCESS_KEY_ID",
                    reason: "not set, but profile \"\(profile.name)\" uses credential_source = Environment")
            }
            return EnvironmentCredentialProvider(environment: environment, now: factory.now)
        case "Ec2InstanceMetadata":
            return CachingCredentialProvider(
                InstanceMetadataCredentialProvider(environment: environment, transport: factory.transport),
                name: "EC2 instance metadata", now: factory.now)
        case "EcsContainer":
            guard ContainerCredentialProvider.isConfigured(in: environment) else {
                throw CredentialProviderError.invalidEnvironment(
                    variable: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                    reason: "not set (nor ..._FULL_URI), but profile \"\(profile.name)\" uses credential_source = "
                        + "EcsContainer")
            }
            return CachingCredentialProvider(
                ContainerCredentialProvider(environment: environment, transport: factory.transport),
                name: "container credentials", now: factory.now)
        default:
            throw CredentialProviderError.invalidCredentialSource(profile: profile.name, value: value)
        }
    }

    private func durationSeconds(_ profile: AWSProfile) throws -> Int? {
        guard let text = profile["duration_seconds"] else { return nil }
        guard let seconds = Int(text.trimmingCharacters(in: .whitespaces)), seconds > 0 else {
            throw CredentialProviderError.invalidProfile(
                profile: profile.name, file: profile.origin(of: "duration_seconds"),
                reason: "duration_seconds must be a whole number of seconds, got \"\(text)\"")
        }
        return seconds
    }
}
