import Foundation

/// Caches temporary credentials and refreshes them before they expire, with botocore's two windows.
///
/// - More than 15 minutes left: the cached credentials are returned.
/// - Advisory window (15 to 10 minutes left): one caller refreshes; if that fails, the old credentials are
///   still returned. Callers arriving while that refresh runs get the old credentials at once.
/// - Mandatory window (10 minutes or less): every caller waits for the one shared refresh, and its failure
///   is thrown.
///
/// However many tasks call at once, at most one refresh runs. Credentials without an expiration are fetched
/// once and kept. The clock is injected.
public actor CachingCredentialProvider: RefreshableCredentialProvider {
    /// botocore's advisory refresh window: 15 minutes before expiry.
    public static let defaultAdvisoryWindow: TimeInterval = 15 * 60
    /// botocore's mandatory refresh window: 10 minutes before expiry.
    public static let defaultMandatoryWindow: TimeInterval = 10 * 60

    private enum State {
        case empty
        case cached(AWSCredentials)
        case refreshing(Task<AWSCredentials, any Error>, previous: AWSCredentials?)
    }

    /// The provider that actually fetches credentials.
    public nonisolated let provider: any CredentialProvider
    /// A name for errors (`assume role arn:aws:iam::…`).
    public nonisolated let name: String
    private let now: @Sendable () -> Date
    private let advisoryWindow: TimeInterval
    private let mandatoryWindow: TimeInterval
    private var state: State = .empty
    /// Callers currently waiting for a refresh (for tests that check many callers share one refresh).
    private(set) var waitingCallers = 0

    /// Wraps a provider.
    public init(
        _ provider: any CredentialProvider, name: String = "credentials",
        advisoryWindow: TimeInterval = CachingCredentialProvider.defaultAdvisoryWindow,
        mandatoryWindow: TimeInterval = CachingCredentialProvider.defaultMandatoryWindow,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.provider = provider
        self.name = name
        self.advisoryWindow = advisoryWindow
        self.mandatoryWindow = mandatoryWindow
        self.now = now
    }

    /// Returns cached credentials, refreshing them as the windows require.
    public func getCredentials() async throws -> AWSCredentials {
        switch state {
        case .empty:
            return try await wait(for: startRefresh(previous: nil))
        case .cached(let credentials):
            switch phase(of: credentials) {
            case .fresh:
                return credentials
            case .advisory:
                do {
                    return try await wait(for: startRefresh(previous: credentials))
                } catch {
                    return credentials  // an advisory refresh may fail: the old credentials still work
                }
            case .mandatory:
                return try await wait(for: startRefresh(previous: credentials))
            }
        case .refreshing(let task, let previous):
            if let previous, phase(of: previous) != .mandatory {
                return previous  // do not block on someone else's advisory refresh
            }
            return try await wait(for: task)
        }
    }

    /// Forgets the cached credentials, so the next call fetches new ones (a refresh already running is kept:
    /// its credentials are the new ones).
    public func invalidate() {
        if case .cached = state { state = .empty }
    }

    // MARK: - Internals

    private enum Phase { case fresh, advisory, mandatory }

    private func phase(of credentials: AWSCredentials) -> Phase {
        guard let expiration = credentials.expiration else { return .fresh }
        let remaining = expiration.timeIntervalSince(now())
        if remaining > advisoryWindow { return .fresh }
        if remaining > mandatoryWindow { return .advisory }
        return .mandatory
    }

    private func startRefresh(previous: AWSCredentials?) -> Task<AWSCredentials, any Error> {
        let provider = self.provider
        let task = Task<AWSCredentials, any Error> {
            do {
                let credentials = try await provider.getCredentials()
                if let expiration = credentials.expiration, expiration <= self.now() {
                    throw CredentialProviderError.expired(provider: self.name, expiration: expiration)
                }
                self.finish(.cached(credentials))
                return credentials
            } catch {
                self.finish(previous.map { .cached($0) } ?? .empty)
                throw error
            }
        }
        state = .refreshing(task, previous: previous)
        return task
    }

    private func finish(_ newState: State) {
        state = newState
    }

    private func wait(for task: Task<AWSCredentials, any Error>) async throws -> AWSCredentials {
        waitingCallers += 1
        defer { waitingCallers -= 1 }
        return try await task.value
    }
}
