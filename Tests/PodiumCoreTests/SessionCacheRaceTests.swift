import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// The discovery cache never keeps a false state: a deployment whose config could not be followed (a config
/// read before AWS shows it, a throttled or cancelled call) is not cached, and an older snapshot never replaces
/// a newer one (issue 17, item 1).
@Suite struct SessionCacheRaceTests {
    static let t = RecordedCallTests.now.timeIntervalSince1970

    @Test("a config that cannot be followed once is followed again on the next refresh, not cached as a problem")
    func failedResolutionIsNotCachedInTheEndpointSnapshot() async throws {
        let aws = ScriptedAWS()
        RecordedCallTests.scriptDeployedWorld(aws) { "churn-dev-v4" }
        // Right after a promotion the new config may not be readable yet (eventual consistency), or the call is
        // cancelled by a refresh that replaces it: the first DescribeEndpointConfig of churn-dev-v4 fails.
        let working = aws.answerOf("DescribeEndpointConfig")
        let failures = Counter()
        aws.on("DescribeEndpointConfig") { request in
            let name = ScriptedAWS.body(request)["EndpointConfigName"] as? String ?? ""
            if name == "churn-dev-v4" && failures.next() == 0 {
                return ScriptedAWS.notFound("endpoint configuration \(name)")
            }
            return working(request)
        }
        let session = try aws.session(
            config: try RecordedCallTests.config(), auditPath: RecordedCallTests.auditPath(),
            now: { RecordedCallTests.now })

        let first = try await session.deployments(environment: "dev")
        #expect(first[0].problem?.hasPrefix("cannot follow endpoint config churn-dev-v4") == true)

        // The endpoint itself has not changed (same LastModifiedTime and status in ListEndpoints).
        let second = try await session.deployments(environment: "dev")
        #expect(second[0].problem == nil)
        #expect(second[0].group == "churn")
        #expect(second[0].version == 4)
        // Once followed, the chain is cached: a third refresh describes nothing.
        let before = await aws.requests("DescribeEndpoint").count
        let third = try await session.deployments(environment: "dev")
        #expect(third[0].version == 4)
        #expect(await aws.requests("DescribeEndpoint").count == before)
    }

    @Test("a refresh cancelled while following the new config (the console's forced refresh) leaves no false state")
    func cancelledRefreshLeavesNoFalseState() async throws {
        let aws = ScriptedAWS()
        RecordedCallTests.scriptDeployedWorld(aws) { "churn-dev-v4" }
        let transport = HangingTransport(inner: aws.transport, operation: "DescribeEndpointConfig")
        let session = try PodiumSession(
            config: try RecordedCallTests.config(), clientFactory: HangingFactory(transport: transport),
            auditLog: AuditLog(path: RecordedCallTests.auditPath()), now: { RecordedCallTests.now },
            pollInterval: .milliseconds(1), sleep: { _ in })

        // The console's health refresh is under way when the deployment finishes; the console then starts a
        // new refresh with the same effect id, which cancels this one in the middle of DescribeEndpointConfig.
        let first = Task { try? await session.deployments(environment: "dev") }
        await transport.waitUntilHanging()
        first.cancel()
        _ = await first.value

        let next = try await session.deployments(environment: "dev")
        let churn = try #require(next.first { $0.endpointName == "churn-dev" })
        #expect(churn.problem == nil, "\(churn.problem ?? "")")
        #expect(churn.version == 4)
    }

    @Test("an older endpoint snapshot landing after a newer one does not replace it")
    func olderSnapshotNeverReplacesNewer() async throws {
        let config = try RecordedCallTests.config()
        let spec = try #require(config.environment(named: "dev")?.endpoint(named: "churn-dev"))
        let cache = SessionCache()
        func snapshot(_ modified: Double, _ status: String, version: Int?) -> SessionCache.EndpointSnapshot {
            var deployment = EndpointDeployment(environment: "dev", spec: spec, exists: true)
            deployment.status = EndpointStatus(rawValue: status)
            deployment.version = version
            return SessionCache.EndpointSnapshot(
                lastModified: Date(timeIntervalSince1970: modified), status: EndpointStatus(rawValue: status),
                deployment: deployment)
        }
        await cache.setEndpoint("dev/churn-dev", snapshot(Self.t, "InService", version: 5))
        // A describe that started before the update finished lands last.
        await cache.setEndpoint("dev/churn-dev", snapshot(Self.t - 60, "Updating", version: 4))
        #expect(await cache.endpoint("dev/churn-dev")?.deployment.version == 5)
        #expect(await cache.endpoint("dev/churn-dev")?.status == .inService)
        // A newer one does replace it.
        await cache.setEndpoint("dev/churn-dev", snapshot(Self.t + 60, "Updating", version: 5))
        #expect(await cache.endpoint("dev/churn-dev")?.status == .updating)
    }

    /// Passes requests to the scripted transport, except that the first request of `operation` hangs until its
    /// task is cancelled (a slow call that a newer refresh replaces).
    final class HangingTransport: HTTPTransport, @unchecked Sendable {
        let inner: RecordingTransport
        let operation: String
        private let lock = NSLock()
        private var hung = false
        private let (hanging, hangingContinuation) = AsyncStream<Void>.makeStream()

        init(inner: RecordingTransport, operation: String) {
            self.inner = inner
            self.operation = operation
        }

        func execute(_ request: HTTPRequest, timeout: TransportTimeouts) async throws -> HTTPResponse {
            let hang =
                ScriptedAWS.operation(of: request) == operation
                && lock.withLock { () -> Bool in
                    defer { hung = true }
                    return !hung
                }
            if hang {
                hangingContinuation.yield()
                // Suspends until the task is cancelled (then throws CancellationError, as a real request would).
                try await Task.sleep(for: .seconds(3600))
            }
            return try await inner.execute(request, timeout: timeout)
        }

        /// Returns once a request is hanging.
        func waitUntilHanging() async {
            for await _ in hanging { return }
        }
    }

    /// Clients on the hanging transport.
    struct HangingFactory: AWSClientFactory {
        let transport: HangingTransport

        func makeClient(region: String, credentials: CredentialsConfig, readOnly: Bool) throws -> AWSClient {
            AWSClient(
                region: region,
                credentialProvider: AWSClient.FixedCredentials(
                    AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG")),
                endpoints: .url(URL(string: "https://aws.test")!), transport: transport, readOnly: readOnly,
                sleeper: ScriptedAWS.NoSleep())
        }
    }

    /// Counts calls across the transport's threads.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func next() -> Int {
            lock.withLock {
                defer { count += 1 }
                return count
            }
        }
    }
}
