import AWSCore
import Foundation

extension PodiumSession {
    /// Lists, switches or resets the credentials of one environment while the session runs (the console's
    /// `:profile`).
    ///
    /// A switch names a profile of the shared config/credentials files (`AWS_CONFIG_FILE`,
    /// `AWS_SHARED_CREDENTIALS_FILE`). It is checked before anything changes: the profile must exist (the error
    /// suggests the nearest name), its credentials must resolve and STS GetCallerIdentity must answer, and the
    /// account must be the environment's: the account of its configured role or execution role ARN, else the account
    /// its current credentials sign in to. Any failure leaves the environment as it was. On success the environment's
    /// calls use a client built from `{ profile: NAME }` (the profile's own `role_arn`, SSO permission set… apply;
    /// the config's `role_arn` does not), with its own request limits; calls already running finish on the old
    /// client; what the session cached about the environment is dropped, and the caller identity (audit records) is
    /// the new one. Other environments and the registry's client are untouched.
    public func switchCredentials(_ request: CredentialSwitch) async throws -> CredentialSwitchOutcome {
        switch request {
        case .list:
            return try await credentialsOutcome(changed: nil)
        case .profile(let environment, let name):
            let env = try context.environment(environment)
            let notes = try await switchProfile(env, to: name)
            return try await credentialsOutcome(changed: env.name, notes: notes)
        case .reset(let environment):
            let env = try context.environment(environment)
            _ = context.clientTable.reset(env.name)
            await context.cache.forget(environment: env.name)
            return try await credentialsOutcome(changed: env.name)
        }
    }

    /// Checks the profile and swaps the environment's client; returns notes for the operator.
    private func switchProfile(_ env: EnvironmentConfig, to name: String) async throws -> [String] {
        try checkProfileExists(name)
        let credentials = CredentialsConfig(profile: name)
        let client = try clientFactory.makeClient(
            region: env.region, credentials: credentials, readOnly: env.readOnly || config.readOnly)
        let response = try await client.sts.getCallerIdentity()
        let identity = CallerIdentity(
            arn: response.arn ?? "unknown", account: response.account ?? "unknown", userId: response.userId)
        var notes: [String] = []
        if let expected = await expectedAccount(env) {
            guard identity.account == expected.account else {
                throw PodiumError(
                    .refused,
                    "profile \(name) signs in to account \(identity.account), but \(env.name) is account "
                        + "\(expected.account) (\(expected.source)): not switched",
                    hint: "\(env.name) keeps its current credentials; pick a profile of account \(expected.account)")
            }
        } else {
            notes.append("account not checked: the config names none and the current credentials did not answer")
        }
        context.clientTable.swap(env.name, to: client, credentials: credentials)
        await context.cache.forget(environment: env.name)
        if let key = context.identityCacheKey(client: client, key: "env:\(env.name)") {
            await context.cache.setIdentity(key, identity)
        }
        return notes
    }

    /// Refuses a profile the shared files do not define, suggesting the nearest name.
    private func checkProfileExists(_ name: String) throws {
        let names: [String]?
        do {
            names = try clientFactory.profileNames()
        } catch {
            throw PodiumError(.usage, "the AWS config files cannot be read: \(error)")
        }
        guard let names, !names.contains(name) else { return }
        let hint =
            EditDistance.suggestion(for: name, among: names).map { "did you mean \"\($0)\"?" }
            ?? (names.isEmpty
                ? "the files define no profile (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE or ~/.aws)"
                : "profiles: \(names.prefix(12).joined(separator: ", "))")
        throw PodiumError(.usage, "no profile \"\(name)\" in the AWS config or credentials files", hint: hint)
    }

    /// The account an environment must stay in, and where that comes from: the config's role or execution role
    /// ARN, else the account its current credentials sign in to (nil when neither is known).
    private func expectedAccount(_ env: EnvironmentConfig) async -> (account: String, source: String)? {
        if let hint = env.accountHint { return (hint, "from its config") }
        guard let current = context.clientTable.client(env.name),
            let identity = try? await context.identity(client: current, key: "env:\(env.name)")
        else { return nil }
        return (identity.account, "where its current credentials sign in")
    }

    /// Every environment's credentials now, with the profile names for completion.
    private func credentialsOutcome(changed: String?, notes: [String] = []) async throws -> CredentialSwitchOutcome {
        var environments: [EnvironmentCredentials] = []
        for env in config.environments {
            guard let entry = context.clientTable.entry(env.name) else { continue }
            var identity: CallerIdentity?
            if entry.credentials != entry.configuredCredentials,
                let key = context.identityCacheKey(client: entry.client, key: "env:\(env.name)")
            {
                identity = await context.cache.identity(key)
            }
            environments.append(
                EnvironmentCredentials(
                    environment: env.name, credentials: entry.credentials, configured: entry.configuredCredentials,
                    identity: identity))
        }
        let names = (try? clientFactory.profileNames()) ?? nil
        return CredentialSwitchOutcome(
            environments: environments, profileNames: names ?? [],
            changed: changed.flatMap { name in environments.first { $0.environment == name } }, notes: notes)
    }
}
