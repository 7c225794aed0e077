import Foundation
import Testing

@testable import AWSCore

/// GetRoleCredentials: the request on the wire and what its answers become.
@Suite("SSO role credentials")
struct SSOCredentialProviderTests {
    let clock = AuthTestClock()

    func provider(_ transport: RecordingTransport, home: ConfigTempDirectory) throws -> SSOCredentialProvider {
        let cache = SSOTokenCache(environment: home.environment())
        try cache.save(SSOFixtures.token(expiresIn: 3600, now: clock.now), forKey: "corp")
        let tokens = SSOTokenProvider(
            configuration: SSOFixtures.session, cache: cache, access: SSOFixtures.access(transport), now: clock.function
        )
        return SSOCredentialProvider(accountId: "111111111111", roleName: "PodiumPromoter", tokens: tokens)
    }

    @Test("GET /federation/credentials with the bearer header, unsigned; the expiry is read from milliseconds")
    func request() async throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        let transport = RecordingTransport(script: [
            SSOFixtures.ok(
                #"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"s3cr3t","sessionToken":"tok","expiration":1800003600000}}"#
            )
        ])
        let credentials = try await provider(transport, home: home).getCredentials()
        #expect(
            credentials
                == AWSCredentials(
                    accessKeyId: "ASIASSO", secretAccessKey: "s3cr3t", sessionToken: "tok",
                    expiration: Date(timeIntervalSince1970: 1_800_003_600)))
        let request = try #require(await transport.requests.first)
        #expect(request.method == "GET")
        #expect(
            request.url.absoluteString
                == "http://127.0.0.1:4566/federation/credentials?account_id=111111111111&role_name=PodiumPromoter")
        #expect(request.header("x-amz-sso_bearer_token") == "old-access")
        #expect(request.header("Authorization") == nil)
    }

    @Test("UnauthorizedException is a sign-in; an answer without keys is a service failure, never 'connection'")
    func refusals() async throws {
        let home = try ConfigTempDirectory()
        defer { home.remove() }
        let unauthorized = RecordingTransport(script: [
            .response(
                HTTPResponse(
                    status: 401, headers: [("x-amzn-ErrorType", "UnauthorizedException")],
                    body: Array(#"{"message":"Session token not found or invalid"}"#.utf8)))
        ])
        await #expect {
            try await provider(unauthorized, home: home).getCredentials()
        } throws: { error in
            (error as? SSOError)?.signInRequired?.reason == .tokenRefused(code: "UnauthorizedException")
        }
        let empty = RecordingTransport(script: [SSOFixtures.ok(#"{"roleCredentials":{}}"#)])
        await #expect {
            try await provider(empty, home: home).getCredentials()
        } throws: { error in
            guard case SSOError.serviceFailed(let operation, let reason) = error else { return false }
            return operation == "GetRoleCredentials" && reason.contains("accessKeyId") && !reason.contains("connect")
        }
    }
}
