import Foundation
import Testing

@testable import AWSCore

#if canImport(Glibc)
    import Glibc
#endif

/// Expired credentials, an expired AssumeRole source, and transport failures that name the endpoint.
@Suite struct FaultHandlingTests {
    let expired = jsonReply(
        #"{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}"#,
        status: 400)
    let ok = jsonReply(#"{"Endpoints":[]}"#)

    func client(_ transport: RecordingTransport, provider: any CredentialProvider) -> AWSClient {
        AWSClient(
            region: "us-east-1", credentialProvider: provider, endpoints: .url(URL(string: "http://127.0.0.1:4566")!),
            transport: transport, readOnly: false, sleeper: RecordingSleeper(), random: .constant(0.5),
            now: { testDate })
    }

    @Test func expiredTokenRefreshesCachedCredentialsAndRetriesOnce() async throws {
        let clock = AuthTestClock(testDate)
        let source = CountingCredentialProvider(clock: clock, lifetime: 3600)
        let cache = CachingCredentialProvider(source, name: "role", now: clock.function)
        let transport = RecordingTransport(script: [expired, ok])
        _ = try await client(transport, provider: cache).sageMaker.listEndpoints()
        #expect(await source.fetches == 2)
        let keys = await transport.requests.map { $0.header("Authorization")?.contains("ASIAFETCH2") == true }
        #expect(keys == [false, true], "the retry is signed with the refreshed credentials")
    }

    @Test func expiredTokenRefreshesThroughTheProviderChain() async throws {
        // The factory hands the client a chain that selected a caching role provider: the refresh must reach it.
        let clock = AuthTestClock(testDate)
        let source = CountingCredentialProvider(clock: clock, lifetime: 3600)
        let cache = CachingCredentialProvider(source, name: "role", now: clock.function)
        let chain = CredentialProviderChain(name: "role chain") { cache }
        let transport = RecordingTransport(script: [expired, ok])
        _ = try await client(transport, provider: chain).sageMaker.listEndpoints()
        #expect(await source.fetches == 2)
        #expect(await transport.requests.count == 2)
    }

    @Test func expiredTokenTwiceFailsAfterOneRefresh() async throws {
        let clock = AuthTestClock(testDate)
        let source = CountingCredentialProvider(clock: clock, lifetime: 3600)
        let cache = CachingCredentialProvider(source, name: "role", now: clock.function)
        let transport = RecordingTransport(script: [expired, expired, ok])
        do {
            _ = try await client(transport, provider: cache).sageMaker.listEndpoints()
            Issue.record("expected ExpiredTokenException")
        } catch let error as AWSServiceError {
            #expect(error.code == "ExpiredTokenException")
            #expect(error.hint?.contains("refresh them") == true)
        }
        #expect(await transport.requests.count == 2)
        #expect(await source.fetches == 2)
    }

    @Test func expiredTokenWithStaticCredentialsIsNotRetried() async throws {
        let transport = RecordingTransport(script: [expired, ok])
        await #expect(throws: AWSServiceError.self) {
            _ = try await client(transport, provider: AWSClient.FixedCredentials(testCredentials)).sageMaker
                .listEndpoints()
        }
        #expect(await transport.requests.count == 1)
    }

    @Test func assumeRoleWithExpiredSourceFailsWithTypedAdvice() async throws {
        let transport = RecordingTransport(script: [
            STSReplies.error(code: "ExpiredToken", message: "The security token included in the request is expired")
        ])
        let provider = AssumeRoleCredentialProvider(
            roleArn: "arn:aws:iam::222222222222:role/deployer", sessionName: "s",
            source: AWSClient.FixedCredentials(testCredentials),
            sts: STSAccess(region: "us-east-1", endpoint: URL(string: "http://127.0.0.1:4566"), transport: transport))
        do {
            _ = try await provider.getCredentials()
            Issue.record("expected sourceCredentialsExpired")
        } catch let error as CredentialProviderError {
            #expect(
                error
                    == .sourceCredentialsExpired(
                        roleArn: "arn:aws:iam::222222222222:role/deployer", code: "ExpiredToken"))
            #expect(error.description.contains("Refresh the source credentials"))
        }
        #expect(await transport.requests.count == 1)
    }

    @Test func assumeRoleRefreshesARefreshableSourceOnce() async throws {
        let clock = AuthTestClock(testDate)
        let source = CountingCredentialProvider(clock: clock, lifetime: 3600)
        let cachedSource = CachingCredentialProvider(source, name: "sso", now: clock.function)
        let transport = RecordingTransport(script: [
            STSReplies.error(code: "ExpiredToken", message: "expired"),
            STSReplies.assumeRole(accessKeyId: "ASIAROLE", expiration: testDate.addingTimeInterval(3600)),
        ])
        let provider = AssumeRoleCredentialProvider(
            roleArn: "arn:aws:iam::222222222222:role/deployer", sessionName: "s", source: cachedSource,
            sts: STSAccess(region: "us-east-1", endpoint: URL(string: "http://127.0.0.1:4566"), transport: transport))
        let credentials = try await provider.getCredentials()
        #expect(credentials.accessKeyId == "ASIAROLE")
        #expect(await source.fetches == 2)
        #expect(await transport.requests.count == 2)
    }

    @Test func assumeRoleUsesTheConfiguredTimeouts() async throws {
        let transport = RecordingTransport(script: [
            STSReplies.assumeRole(accessKeyId: "ASIAROLE", expiration: testDate.addingTimeInterval(3600))
        ])
        let timeouts = try TransportTimeouts(environment: ["PODIUM_AWS_READ_TIMEOUT": "2"])
        let provider = AssumeRoleCredentialProvider(
            roleArn: "arn:aws:iam::222222222222:role/deployer", sessionName: "s",
            source: AWSClient.FixedCredentials(testCredentials),
            sts: STSAccess(
                region: "us-east-1", endpoint: URL(string: "http://127.0.0.1:4566"), transport: transport,
                timeouts: timeouts))
        _ = try await provider.getCredentials()
        #expect(await transport.timeouts.map(\.read) == [.seconds(2)])
    }

    @Test func connectionRefusedNamesTheEndpointAndStopsAfterThreeAttempts() async throws {
        let port = try closedLoopbackPort()
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(2))
        let sleeper = RecordingSleeper()
        let client = AWSClient(
            region: "us-east-1", credentialProvider: AWSClient.FixedCredentials(testCredentials),
            endpoints: .url(URL(string: "http://127.0.0.1:\(port)")!), transport: transport, readOnly: false,
            sleeper: sleeper, random: .constant(0.5), now: { testDate })
        do {
            _ = try await client.sageMaker.listEndpoints()
            Issue.record("expected a transport error")
        } catch let error as AWSClientError {
            #expect(
                error
                    == .transport(
                        service: "SageMaker", operation: "ListEndpoints",
                        error: .connectFailed("http://127.0.0.1:\(port) refused the connection"), attempts: 3))
            #expect(error.description.contains("could not connect (http://127.0.0.1:\(port) refused the connection)"))
        }
        #expect(await sleeper.delays.count == 2)
        try await transport.shutdown()
    }

    @Test func stallHitsTheReadTimeoutAndSaysSo() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(2))
        let request = HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:\(listener.port)/")!)
        do {
            _ = try await transport.execute(request, timeout: TransportTimeouts(read: .milliseconds(300)))
            Issue.record("expected a timeout")
        } catch let error as TransportError {
            #expect(error == .timedOut("no response from http://127.0.0.1:\(listener.port) within 0.3 s"))
        }
        try await transport.shutdown()
    }

    @Test func readTimeoutComesFromTheEnvironment() throws {
        #expect(try TransportTimeouts(environment: [:]).read == .seconds(20))
        #expect(try TransportTimeouts(environment: ["PODIUM_AWS_READ_TIMEOUT": "1.5"]).read == .milliseconds(1500))
        for bad in ["0", "-1", "soon", "nan", "99999"] {
            #expect(throws: TransportTimeoutsError.self) {
                try TransportTimeouts(environment: ["PODIUM_AWS_READ_TIMEOUT": bad])
            }
        }
    }
}

/// A loopback port nothing listens on: bound, then closed.
func closedLoopbackPort() throws -> Int {
    let listener = try SilentListener()
    let port = listener.port
    listener.close()
    return port
}

/// A loopback socket that listens but never accepts or answers: connections complete (the kernel's backlog) and
/// requests stall, like a server that hangs.
final class SilentListener: @unchecked Sendable {
    let fd: Int32
    let port: Int

    init() throws {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard fd >= 0, bound == 0, listen(fd, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        #if canImport(Glibc)
            Glibc.close(fd)
        #else
            Darwin.close(fd)
        #endif
    }
}
