/// Every stage of one SigV4 signature, for conformance tests and debugging (never logged: it holds the token).
public struct SigV4SigningResult: Sendable {
    /// The canonical request (method, path, query, headers, signed header names, payload hash).
    public var canonicalRequest: String
    /// The string to sign (algorithm, timestamp, scope, hash of the canonical request).
    public var stringToSign: String
    /// The hex signature.
    public var signature: String
    /// The full `Authorization` header value.
    public var authorization: String
    /// The `;`-separated, sorted lower-case names of the signed headers.
    public var signedHeaderNames: String
    /// The payload hash used in the canonical request (hex SHA-256 or `UNSIGNED-PAYLOAD`).
    public var payloadHash: String
    /// The request headers after signing, including `X-Amz-Date`, the token and `Authorization`.
    public var signedHeaders: [(name: String, value: String)]
}
