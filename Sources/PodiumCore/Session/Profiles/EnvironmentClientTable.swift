import AWSCore
import Foundation

/// Each environment's current AWS client and the credentials setting it was built from, swappable while the
/// session runs (`:profile` in the console).
///
/// A lock, not an actor: `SessionContext.client(for:)` is synchronous and called from everywhere. The lock is held
/// only for a dictionary read or write, never across a suspension. A call takes the client once and keeps it, so a
/// request (or a whole deployment) that started before a swap finishes on the old client; the next call gets the
/// new one.
public final class EnvironmentClientTable: @unchecked Sendable {
    /// One environment's client.
    struct Entry {
        /// The client calls use now.
        var client: AWSClient
        /// What `client` was built from.
        var credentials: CredentialsConfig
        /// The client built from the config's `credentials:` (kept, so a reset needs no new provider).
        let configured: AWSClient
        /// The config's `credentials:`.
        let configuredCredentials: CredentialsConfig
        /// Counts the swaps: what was cached for one generation (the caller identity) is not the next one's.
        var generation = 0
    }

    // Guards `entries`.
    private let lock = NSLock()
    private var entries: [String: Entry]

    /// Creates a table of the clients built from the config, by environment name.
    init(clients: [String: AWSClient], credentials: [String: CredentialsConfig]) {
        var entries: [String: Entry] = [:]
        for (name, client) in clients {
            let setting = credentials[name] ?? .defaultChain
            entries[name] = Entry(
                client: client, credentials: setting, configured: client, configuredCredentials: setting)
        }
        self.entries = entries
    }

    /// The client an environment's calls use now.
    func client(_ environment: String) -> AWSClient? {
        lock.withLock { entries[environment]?.client }
    }

    /// The environment's generation when `client` is its current client; nil when it was replaced (or unknown).
    func generation(_ environment: String, ifCurrent client: AWSClient) -> Int? {
        lock.withLock {
            guard let entry = entries[environment], entry.client === client else { return nil }
            return entry.generation
        }
    }

    /// Every environment's current client, by name.
    var clients: [String: AWSClient] {
        lock.withLock { entries.mapValues(\.client) }
    }

    /// The entry of an environment (a copy).
    func entry(_ environment: String) -> Entry? {
        lock.withLock { entries[environment] }
    }

    /// Makes `client` (built from `credentials`) the environment's client and returns the one it replaces.
    @discardableResult
    func swap(_ environment: String, to client: AWSClient, credentials: CredentialsConfig) -> AWSClient? {
        lock.withLock {
            guard var entry = entries[environment] else { return nil }
            let old = entry.client
            entry.client = client
            entry.credentials = credentials
            entry.generation += 1
            entries[environment] = entry
            return old
        }
    }

    /// Puts the client built from the config back; returns it, or nil for an unknown environment.
    func reset(_ environment: String) -> AWSClient? {
        lock.withLock {
            guard var entry = entries[environment] else { return nil }
            entry.client = entry.configured
            entry.credentials = entry.configuredCredentials
            entry.generation += 1
            entries[environment] = entry
            return entry.configured
        }
    }
}
