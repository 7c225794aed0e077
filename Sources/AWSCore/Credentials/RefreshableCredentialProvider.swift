import Foundation

/// A credential provider whose cached credentials can be thrown away, so the next call fetches new ones.
///
/// The client uses it when AWS answers `ExpiredToken`/`ExpiredTokenException`: the credentials' own expiry time
/// said they were still good (clock skew, a session revoked early, an expiry the source misreported), so the
/// cache is dropped and the call retried once with fresh credentials, as the AWS SDK for Go does.
public protocol RefreshableCredentialProvider: CredentialProvider {
    /// Forgets the cached credentials.
    func invalidate() async
}
