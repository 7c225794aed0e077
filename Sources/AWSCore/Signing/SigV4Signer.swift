import Crypto
import Foundation

/// Signs HTTP requests with AWS Signature Version 4, in the Authorization header.
///
/// The signer is a pure value: the signing time is passed in as `date:`, so the same input always gives
/// the same signature. Every stage (canonical request, string to sign, signature) is exposed through
/// `SigV4SigningResult` so tests can check each one against the official suite.
public struct SigV4Signer: Sendable {
    /// Knobs that differ between services (S3 versus everything else) and between test cases.
    public struct Options: Sendable, Equatable {
        /// Remove `.`/`..` segments and repeated slashes from the path (all services but S3).
        public var normalizePath: Bool
        /// Percent-encode the already encoded path a second time (all services but S3).
        public var doubleEncodePath: Bool
        /// Add an `X-Amz-Content-SHA256` header carrying the payload hash (S3).
        public var addContentSHA256Header: Bool
        /// Use the literal `UNSIGNED-PAYLOAD` instead of the body's hash (also sent as `X-Amz-Content-SHA256`).
        public var unsignedPayload: Bool
        /// Add `X-Amz-Security-Token` after signing, so it is not part of the signature.
        public var omitSessionTokenFromSignature: Bool

        /// Creates options; the defaults are those of every service except S3.
        public init(
            normalizePath: Bool = true,
            doubleEncodePath: Bool = true,
            addContentSHA256Header: Bool = false,
            unsignedPayload: Bool = false,
            omitSessionTokenFromSignature: Bool = false
        ) {
            self.normalizePath = normalizePath
            self.doubleEncodePath = doubleEncodePath
            self.addContentSHA256Header = addContentSHA256Header
            self.unsignedPayload = unsignedPayload
            self.omitSessionTokenFromSignature = omitSessionTokenFromSignature
        }

        /// The options for SageMaker, CloudWatch, STS, SSM, CloudFormation and the other non-S3 services.
        public static let standard = Options()

        /// The options for S3: no path normalisation, single encoding, `x-amz-content-sha256` sent.
        public static let s3 = Options(normalizePath: false, doubleEncodePath: false, addContentSHA256Header: true)
    }

    /// The algorithm name that starts the string to sign and the Authorization header.
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash used when the body is not signed.
    public static let unsignedPayloadHash = "UNSIGNED-PAYLOAD"
    /// Hop-by-hop and volatile headers that are never signed (botocore's list).
    public static let unsignedHeaderNames: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// The signing name of the service (`sagemaker`, `monitoring`, `sts`, `s3`).
    public var service: String
    /// The signing region (`us-east-1`).
    public var region: String
    /// How paths, payloads and the session token are treated.
    public var options: Options

    /// Creates a signer for one service in one region.
    public init(service: String, region: String, options: Options = .standard) {
        self.service = service
        self.region = region
        self.options = options
    }

    // MARK: - Signing an HTTPRequest

    /// Returns the request with `X-Amz-Date`, `Host`, the session token (if any) and `Authorization` added.
    public func sign(_ request: HTTPRequest, credentials: AWSCredentials, date: Date) -> HTTPRequest {
        signWithDetails(request, credentials: credentials, date: date).request
    }

    /// Signs the request and also returns the intermediate stages.
    public func signWithDetails(
        _ request: HTTPRequest, credentials: AWSCredentials, date: Date
    ) -> (request: HTTPRequest, result: SigV4SigningResult) {
        let path = request.url.path(percentEncoded: true)
        let query = request.url.query(percentEncoded: true)
        var headers = request.headers
        if !headers.contains(name: "host") {
            headers.append((name: "Host", value: Self.hostHeaderValue(for: request.url)))
        }
        let result = signRaw(
            method: request.method, path: path, query: query, headers: headers.pairs, body: request.body,
            credentials: credentials, date: date)
        var signed = request
        signed.headers = Headers(result.signedHeaders)
        return (signed, result)
    }

    // MARK: - Signing the raw parts

    /// Signs a request given as its wire parts: `path` and `query` as they appear on the request line.
    ///
    /// This is the entry point used by the conformance suite, whose paths are raw (not URL-safe) text.
    public func signRaw(
        method: String, path: String, query: String?, headers: [(name: String, value: String)], body: [UInt8],
        credentials: AWSCredentials, date: Date
    ) -> SigV4SigningResult {
        let timestamp = SigV4Timestamp(date)
        var headers = Headers(headers)
        headers.remove(name: "authorization")
        headers.replace("X-Amz-Date", with: timestamp.dateTime)

        let token = credentials.sessionToken.flatMap { $0.isEmpty ? nil : $0 }
        if let token {
            headers.remove(name: "x-amz-security-token")
            if !options.omitSessionTokenFromSignature {
                headers.append((name: "X-Amz-Security-Token", value: token))
            }
        }

        let payloadHash: String
        if options.unsignedPayload {
            payloadHash = Self.unsignedPayloadHash
        } else if !options.addContentSHA256Header,
            let given = headers["x-amz-content-sha256"]
        {
            payloadHash = given
        } else {
            payloadHash = SigV4Canonical.hexDigest(SHA256.hash(data: body))
        }
        // botocore sends the literal in the header too when the payload is unsigned; S3 always sends the hash.
        if options.addContentSHA256Header || options.unsignedPayload {
            headers.replace("X-Amz-Content-SHA256", with: payloadHash)
        }

        let canonicalHeaders = SigV4Canonical.canonicalHeaders(headers.pairs, excluding: Self.unsignedHeaderNames)
        let canonicalRequest = [
            method.uppercased(),
            SigV4Canonical.canonicalPath(
                path, normalize: options.normalizePath, doubleEncode: options.doubleEncodePath),
            SigV4Canonical.canonicalQuery(query),
            canonicalHeaders.block,
            canonicalHeaders.signedHeaders,
            payloadHash,
        ].joined(separator: "\n")

        let scope = "\(timestamp.date)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            Self.algorithm,
            timestamp.dateTime,
            scope,
            SigV4Canonical.hexDigest(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")

        let signingKey = Self.signingKey(
            secret: credentials.secretAccessKey, date: timestamp.date, region: region, service: service)
        let signature = SigV4Canonical.hexDigest(
            HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signingKey))
        let authorization =
            "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(scope), "
            + "SignedHeaders=\(canonicalHeaders.signedHeaders), Signature=\(signature)"
        headers.append((name: "Authorization", value: authorization))
        if let token, options.omitSessionTokenFromSignature {
            headers.append((name: "X-Amz-Security-Token", value: token))
        }
        return SigV4SigningResult(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            authorization: authorization, signedHeaderNames: canonicalHeaders.signedHeaders, payloadHash: payloadHash,
            signedHeaders: headers.pairs)
    }

    // MARK: - Helpers

    /// Derives the signing key: HMAC chain over date, region, service and `aws4_request`.
    static func signingKey(secret: String, date: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(secret)".utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
        }
        return key
    }

    /// The `Host` header for a URL: lower-case host, with the port only when it is not the scheme's default.
    public static func hostHeaderValue(for url: URL) -> String {
        var host = (url.host(percentEncoded: false) ?? "").lowercased()
        if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }
        if let port = url.port {
            let scheme = url.scheme?.lowercased()
            let isDefault = (scheme == "http" && port == 80) || (scheme == "https" && port == 443)
            if !isDefault { host += ":\(port)" }
        }
        return host
    }
}
