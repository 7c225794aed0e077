import AWSCore
import Foundation
import Testing

@testable import PodiumCore

/// PodiumCore keeps an expired SSO session typed: its kind stays `failed` (exit 1, as docs/cli.md says), the sign-in
/// travels with it, and its message gives the sign-in command instead of the generic credentials advice.
@Suite("Sign-in errors in PodiumCore")
struct SignInErrorTests {
    static let needed = SSOSignInRequired(
        profile: "dev", session: "sso-session \"corp\"", startURL: "https://corp.awsapps.com/start",
        reason: .refreshRefused(code: "InvalidGrantException"))
    static let error = AWSClientError.signInRequired(service: "SageMaker", operation: "ListEndpoints", needed)

    @Test("kind, sign-in and message of an expired session")
    func classified() {
        #expect(PodiumError.kind(of: Self.error) == .failed)
        #expect(PodiumError.signInRequired(in: Self.error) == Self.needed)
        #expect(PodiumError.signInRequired(in: SSOError.signInRequired(Self.needed)) == Self.needed)
        let wrapped = PodiumError(Self.error)
        #expect(wrapped.kind == .failed && wrapped.signInRequired == Self.needed)
        #expect(PodiumError.signInRequired(in: wrapped) == Self.needed)
        #expect(
            wrapped.message
                == "SageMaker ListEndpoints could not get AWS credentials: SSO sign-in needed for profile \"dev\" "
                + "(sso-session \"corp\"): the SSO session has expired: IAM Identity Center refused to refresh the "
                + "token (InvalidGrantException). Run `podium login --profile dev` (or `aws sso login --profile dev`) "
                + "and retry")
        #expect(!PodiumError.isUnreachable(Self.error))
        // Text is not a type: a message quoting the words carries no sign-in.
        let quoted = AWSClientError.credentialsUnavailable(service: "S", operation: "O", reason: "\(Self.needed)")
        #expect(PodiumError.signInRequired(in: quoted) == nil && PodiumError(quoted).signInRequired == nil)
    }
}
