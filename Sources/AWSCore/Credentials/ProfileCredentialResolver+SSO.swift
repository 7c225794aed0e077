import Foundation

extension ProfileCredentialResolver {
    /// IAM Identity Center role credentials for a profile with `sso_account_id` / `sso_role_name` (with an
    /// `sso_session` or a legacy `sso_start_url`), cached until they are due for a refresh; `nil` for a profile
    /// without SSO settings.
    ///
    /// As in botocore, only `sso_account_id` or `sso_role_name` make the profile a source of SSO credentials: a
    /// profile with just `sso_session` (a token for `podium login`) falls through to its other sources, and is
    /// reported as incomplete when it has none.
    func ssoProvider(_ profile: AWSProfile) throws -> (any CredentialProvider)? {
        guard profile.has("sso_account_id") || profile.has("sso_role_name") else {
            let hasOtherSource = profile.hasStaticCredentials || profile.has("credential_process")
            if !hasOtherSource, profile.has("sso_session") || profile.has("sso_start_url") {
                throw CredentialProviderError.incompleteProfile(
                    profile: profile.name, file: profile.origin(of: "sso_session"),
                    missing: "sso_account_id and sso_role_name (for SSO role credentials)")
            }
            return nil
        }
        guard let configuration = try SSOConfiguration.resolve(profile: profile, store: store) else { return nil }
        let role = try configuration.requireRole()
        let access = try factory.ssoAccess(store: store, profileName: profile.name, region: configuration.region)
        let tokens = SSOTokenProvider.shared(
            configuration: configuration, cache: SSOTokenCache(environment: environment), access: access,
            now: factory.now)
        let provider = SSOCredentialProvider(
            accountId: role.accountId, roleName: role.roleName, tokens: tokens, profileName: profile.name)
        return CachingCredentialProvider(
            provider, name: "SSO \(role.roleName) in \(role.accountId) (\(configuration.sessionLabel))",
            now: factory.now)
    }
}

extension CredentialProviderFactory {
    /// Where SSO calls go for a profile: the SSO region, the endpoints resolved with the profile's endpoint
    /// settings and the environment (`AWS_ENDPOINT_URL_SSO_OIDC`, `AWS_ENDPOINT_URL_SSO`, `AWS_ENDPOINT_URL`),
    /// and `PODIUM_AWS_READ_TIMEOUT`.
    func ssoAccess(
        store: AWSProfileStore, profileName: String, region: String, sleeper: any AWSSleeper = TaskSleeper()
    ) throws -> SSOAccess {
        do {
            let resolver = try EndpointResolver(environment: environment, profiles: store, profileName: profileName)
            let timeouts = (try? TransportTimeouts(environment: environment.variables)) ?? TransportTimeouts()
            return try SSOAccess(
                region: region, resolver: resolver, transport: transport, timeouts: timeouts, sleeper: sleeper)
        } catch let error as AWSConfigError {
            throw CredentialProviderError.configuration(error)
        }
    }
}
