import Foundation
import Testing

@testable import AWSCore

@Suite("CachingCredentialProvider: botocore's refresh windows, one refresh for all callers")
struct CredentialsCachingTests {
    @Test("Credentials with more than 15 minutes left are served from the cache")
    func freshIsCached() async throws {
        let clock = AuthTestClock()
        let source = CountingCredentialProvider(clock: clock, lifetime: 3600)
        let cache = CachingCredentialProvider(source, now: clock.function)
        let first = try await cache.getCredentials()
        clock.advance(by: 3600 - 15 * 60 - 1)  // 15 min + 1 s left
        let second = try await cache.getCredentials()
        #expect(first == second)
        #expect(await source.fetches == 1)
    }

    @Test("Advisory window (15 to 10 minutes left): refreshes, and tolerates a failed refresh")
    func advisoryWindow() async throws {
        let clock = AuthTestClock()
        let source = CountingCredentialProvider(clock: clock, lifetime: 3600)
        let cache = CachingCredentialProvider(source, now: clock.function)
        let first = try await cache.getCredentials()

        clock.advance(by: 3600 - 14 * 60)  // 14 minutes left: advisory
        await source.setFailing(true)
        let stillOld = try await cache.getCredentials()
        #expect(stillOld == first, "a failed advisory refresh keeps the old credentials")
        #expect(await source.fetches == 2)

        await source.setFailing(false)
        let refreshed = try await cache.getCredentials()
        #expect(refreshed.accessKeyId == "ASIAFETCH3")
        #expect(await source.fetches == 3)
        #expect(try await cache.getCredentials() == refreshed)
        #expect(await source.fetches == 3)
    }

    @Test("Mandatory window (10 minutes or less): the refresh must succeed, its failure is thrown")
    func mandatoryWindow() async throws {
        let clock = AuthTestClock()
        let source = CountingCredentialProvider(clock: clock, lifetime: 3600)
        let cache = CachingCredentialProvider(source, now: clock.function)
        _ = try await cache.getCredentials()
        clock.advance(by: 3600 - 10 * 60)  // exactly 10 minutes left
        await source.setFailing(true)
        await #expect(throws: CredentialProviderError.self) { try await cache.getCredentials() }
        await source.setFailing(false)
        let refreshed = try await cache.getCredentials()
        #expect(refreshed.accessKeyId == "ASIAFETCH3")
    }

    @Test("A source returning already expired credentials is an error")
    func expiredFetch() async throws {
        let clock = AuthTestClock()
        let cache = CachingCredentialProvider(
            CountingCredentialProvider(clock: clock, lifetime: -1), name: "test source", now: clock.function)
        await #expect(
            throws: CredentialProviderError.expired(
                provider: "test source", expiration: clock.now.addingTimeInterval(-1))
        ) {
            try await cache.getCredentials()
        }
    }

    @Test("Credentials without an expiration are fetched once")
    func nonExpiring() async throws {
        let clock = AuthTestClock()
        let source = CountingCredentialProvider(clock: clock, lifetime: nil)
        let cache = CachingCredentialProvider(source, now: clock.function)
        for _ in 0..<5 {
            _ = try await cache.getCredentials()
            clock.advance(by: 86_400)
        }
        #expect(await source.fetches == 1)
    }

    @Test("50 concurrent callers near expiry share one refresh")
    func fiftyCallersOneRefresh() async throws {
        let clock = AuthTestClock()
        let original = AWSCredentials(
            accessKeyId: "ASIAOLD", secretAccessKey: "s", sessionToken: "t",
            expiration: clock.now.addingTimeInterval(3600))
        let gated = CountingCredentialProvider(clock: clock, lifetime: 3600, gated: true)
        let primedSource = PrimedThenGated(first: original, next: gated)
        let primedCache = CachingCredentialProvider(primedSource, now: clock.function)
        _ = try await primedCache.getCredentials()  // caches `original`
        clock.advance(by: 3600 - 5 * 60)  // 5 minutes left: a mandatory refresh for everyone

        let results = try await withThrowingTaskGroup(of: AWSCredentials.self) { group in
            for _ in 0..<50 {
                group.addTask { try await primedCache.getCredentials() }
            }
            // Every caller is waiting on the single refresh before it is allowed to finish.
            let allWaiting = await pollUntil { await primedCache.waitingCallers == 50 }
            let waiting = await primedCache.waitingCallers
            #expect(allWaiting, "expected 50 callers waiting, saw \(waiting)")
            #expect(await gated.fetches == 1)
            await gated.open()
            var collected: [AWSCredentials] = []
            for try await credentials in group { collected.append(credentials) }
            return collected
        }
        #expect(results.count == 50)
        #expect(Set(results.map(\.accessKeyId)) == ["ASIAFETCH1"])
        #expect(results.allSatisfy { $0 != original })
        #expect(await gated.fetches == 1, "exactly one refresh for 50 callers")
        #expect(await primedSource.calls == 2)
    }

    @Test("During someone else's advisory refresh, callers get the old credentials without waiting")
    func advisoryDoesNotBlockOthers() async throws {
        let clock = AuthTestClock()
        let original = AWSCredentials(
            accessKeyId: "ASIAOLD", secretAccessKey: "s", sessionToken: "t",
            expiration: clock.now.addingTimeInterval(3600))
        let gated = CountingCredentialProvider(clock: clock, lifetime: 3600, gated: true)
        let cache = CachingCredentialProvider(PrimedThenGated(first: original, next: gated), now: clock.function)
        _ = try await cache.getCredentials()
        clock.advance(by: 3600 - 12 * 60)  // 12 minutes left: advisory

        let refresher = Task { try await cache.getCredentials() }
        #expect(await pollUntil { await gated.waitingAtGate == 1 })
        let other = try await cache.getCredentials()  // returns at once, although the refresh is stuck
        #expect(other == original)
        await gated.open()
        #expect(try await refresher.value.accessKeyId == "ASIAFETCH1")
        #expect(try await cache.getCredentials().accessKeyId == "ASIAFETCH1")
    }

    @Test("The first fetch is shared by concurrent callers too")
    func firstFetchShared() async throws {
        let clock = AuthTestClock()
        let gated = CountingCredentialProvider(clock: clock, lifetime: 3600, gated: true)
        let cache = CachingCredentialProvider(gated, now: clock.function)
        async let a = cache.getCredentials()
        async let b = cache.getCredentials()
        async let c = cache.getCredentials()
        #expect(await pollUntil { await cache.waitingCallers == 3 })
        await gated.open()
        let all = try await [a, b, c]
        #expect(Set(all.map(\.accessKeyId)) == ["ASIAFETCH1"])
        #expect(await gated.fetches == 1)
    }
}

/// Returns `first` on the first call, then delegates to `next`.
actor PrimedThenGated: CredentialProvider {
    let first: AWSCredentials
    let next: any CredentialProvider
    private(set) var calls = 0

    init(first: AWSCredentials, next: any CredentialProvider) {
        self.first = first
        self.next = next
    }

    func getCredentials() async throws -> AWSCredentials {
        calls += 1
        if calls == 1 { return first }
        return try await next.getCredentials()
    }
}
