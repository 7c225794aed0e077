import Foundation

/// A provider that decides on its first call where credentials come from, then sticks to that source.
///
/// The decision (`resolve`) reads the environment and config files, and may probe instance metadata; it runs
/// once for all concurrent callers. A failed decision is not kept, so the next call tries again.
public actor CredentialProviderChain: RefreshableCredentialProvider {
    /// What the chain stands for (`default credential chain`, `profile "dev"`).
    public nonisolated let name: String
    private let resolve: @Sendable () async throws -> any CredentialProvider
    private var selected: (any CredentialProvider)?
    private var resolving: Task<any CredentialProvider, any Error>?

    /// Creates a chain with its selection logic.
    public init(name: String, resolve: @escaping @Sendable () async throws -> any CredentialProvider) {
        self.name = name
        self.resolve = resolve
    }

    /// The selected source's credentials.
    public func getCredentials() async throws -> AWSCredentials {
        try await selectedProvider().getCredentials()
    }

    /// The provider the chain settled on (resolving it now if needed).
    public func selectedProvider() async throws -> any CredentialProvider {
        if let selected { return selected }
        if let resolving { return try await resolving.value }
        let task = Task<any CredentialProvider, any Error> {
            do {
                let provider = try await self.resolve()
                self.settle(provider)
                return provider
            } catch {
                self.settle(nil)
                throw error
            }
        }
        resolving = task
        return try await task.value
    }

    /// Forgets the selected source's cached credentials (the selection itself is kept), when it caches any.
    public func invalidate() async {
        if let refreshable = selected as? any RefreshableCredentialProvider { await refreshable.invalidate() }
    }

    private func settle(_ provider: (any CredentialProvider)?) {
        selected = provider
        resolving = nil
    }
}
