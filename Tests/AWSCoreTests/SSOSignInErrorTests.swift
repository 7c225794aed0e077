import Foundation
import Testing

@testable import AWSCore

/// An expired SSO session reaches the caller of any service call typed (`AWSClientError.signInRequired`), not as a
/// message; other SSO failures keep their own kinds (a portal out of reach is the network, and said so).
@Suite("SSO sign-in errors through AWSClient")
struct SSOSignInErrorTests {
    /// A provider that fails with a fixed error.
    struct FailingProvider: CredentialProvider {
        let error: any Error & Sendable
        func getCredentials() async throws -> AWSCredentials { throw error }
    }

    static let needed = SSOSignInRequired(
        profile: "dev", session: "sso-session \"corp\"", startURL: SSOFixtures.startURL,
        reason: .refreshRefused(code: "InvalidGrantException"))

    func call(failingWith error: any Error & Sendable, chained: Bool = false) async -> (any Error)? {
        let transport = RecordingTransport()
        var provider: any CredentialProvider = FailingProvider(error: error)
        if chained {
            // role_arn + source_profile over an SSO profile, cached as the factory builds it.
            provider = CachingCredentialProvider(
                AssumeRoleCredentialProvider(
                    roleArn: "arn:aws:iam::111111111111:role/Deployer", source: CachingCredentialProvider(provider),
                    sts: STSAccess(region: "us-east-1", endpoint: SSOFixtures.endpoint, transport: transport)))
        }
        let client = AWSClient(
            region: "us-east-1", credentialProvider: provider, endpoints: .url(SSOFixtures.endpoint),
            transport: transport, readOnly: true)
        do {
            _ = try await client.sts.getCallerIdentity()
            return nil
        } catch {
            #expect(await transport.requests.isEmpty)  // nothing is sent without credentials
            return error
        }
    }

    @Test("SSOError.signInRequired arrives as AWSClientError.signInRequired with the service, operation and reason")
    func typed() async throws {
        let error = try #require(await call(failingWith: SSOError.signInRequired(Self.needed)))
        #expect(
            error as? AWSClientError == .signInRequired(service: "STS", operation: "GetCallerIdentity", Self.needed))
        let client = try #require(error as? AWSClientError)
        #expect(client.signInRequired == Self.needed && !client.isUnreachable)
        // A role assumed from an SSO profile: the source's sign-in comes through the role provider unchanged.
        let chained = try #require(await call(failingWith: SSOError.signInRequired(Self.needed), chained: true))
        #expect((chained as? AWSClientError)?.signInRequired == Self.needed)
        #expect(
            "\(client)"
                == "STS GetCallerIdentity could not get AWS credentials: SSO sign-in needed for profile \"dev\" "
                + "(sso-session \"corp\"): the SSO session has expired: IAM Identity Center refused to refresh the "
                + "token (InvalidGrantException). Run `podium login --profile dev` (or `aws sso login --profile dev`) "
                + "and retry.")
    }

    @Test(
        "other SSO failures are not sign-ins: a service failure stays unavailable, an unreachable portal is the network"
    )
    func untyped() async throws {
        let failed = try #require(
            await call(failingWith: SSOError.serviceFailed(operation: "GetRoleCredentials", reason: "x")))
        guard case AWSClientError.credentialsUnavailable = failed else {
            Issue.record("got \(failed)")
            return
        }
        #expect((failed as? AWSClientError)?.signInRequired == nil)
        let unreachable = try #require(
            await call(
                failingWith: CredentialProviderError.metadataUnavailable(
                    provider: "IAM Identity Center GetRoleCredentials", endpoint: "http://127.0.0.1:9",
                    reason: "connection refused")))
        #expect((unreachable as? AWSClientError)?.isUnreachable == true)
        #expect((unreachable as? AWSClientError)?.signInRequired == nil)
    }
}
