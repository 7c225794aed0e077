import AWSCore
import Foundation
import PodiumCore

extension PodiumSession {
    /// IAM Identity Center's device flow for `profile` (the URL and code go to `show`), then every client's cached
    /// credentials are dropped, so the next call of each environment reads the new token from the cache.
    public func signIn(profile: String, show: @escaping @Sendable (SignInPrompt) -> Void) async throws {
        let login = try SSODeviceLogin.forProfile(profile, environment: .process)
        _ = try await login.signIn { show(SignInPrompt($0)) }
        for client in [registryClient] + Array(environmentClients.values) {
            if let provider = client.credentialProvider as? any RefreshableCredentialProvider {
                await provider.invalidate()
            }
        }
    }
}
