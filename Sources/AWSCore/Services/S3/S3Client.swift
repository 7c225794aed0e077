import Foundation

/// S3 (REST-XML): object reads for evaluation reports. Obtain it from `AWSClient.s3`.
///
/// Requests are signed with `x-amz-content-sha256`. Addressing is path-style (`<endpoint>/<bucket>/<key>`)
/// when a custom endpoint is set or the bucket name is not DNS-compatible, virtual-hosted otherwise.
public struct S3Client: Sendable {
    /// The client carrying region, credentials, transport, retries and the read-only flag.
    public let client: AWSClient
    /// The service description.
    public static let service = AWSServiceDescription.s3

    /// Every operation of this client with its access kind.
    public enum Operation {
        /// GetObject (read).
        public static let getObject = AWSOperation("GetObject", .read)
        /// All of them.
        public static let all: [AWSOperation] = [getObject]
    }

    /// Wraps a client.
    public init(client: AWSClient) {
        self.client = client
    }

    /// Reads an object.
    public func getObject(_ input: GetObjectRequest) async throws -> GetObjectOutput {
        let op = Operation.getObject
        guard !input.bucket.isEmpty, !input.key.isEmpty else {
            throw AWSClientError.invalidRequest(
                service: Self.service.serviceId, operation: op.name, reason: "bucket and key must not be empty")
        }
        let custom: Bool
        do {
            custom = try client.resolvedEndpoint(for: Self.service).isCustom
        } catch {
            throw AWSClientError.invalidRequest(service: Self.service.serviceId, operation: op.name, reason: "\(error)")
        }
        let response = try await client.send(op, service: Self.service, signerOptions: .s3) { base in
            guard
                let url = Self.objectURL(
                    base: base, bucket: input.bucket, key: input.key, pathStyle: custom, input: input)
            else {
                throw AWSClientError.invalidRequest(
                    service: Self.service.serviceId, operation: op.name,
                    reason: "cannot form a URL for the bucket and key")
            }
            var headers: [(name: String, value: String)] = [("User-Agent", AWSClient.userAgent)]
            if let v = input.ifMatch { headers.append(("If-Match", v)) }
            if let v = input.ifNoneMatch { headers.append(("If-None-Match", v)) }
            if let v = input.ifModifiedSince { headers.append(("If-Modified-Since", Self.httpDate(v))) }
            if let v = input.range { headers.append(("Range", v)) }
            if let v = input.expectedBucketOwner { headers.append(("x-amz-expected-bucket-owner", v)) }
            return HTTPRequest(method: "GET", url: url, headers: headers)
        }
        var metadata: [String: String] = [:]
        for header in response.headers where header.name.lowercased().hasPrefix("x-amz-meta-") {
            metadata[String(header.name.lowercased().dropFirst("x-amz-meta-".count))] = header.value
        }
        return GetObjectOutput(
            body: Data(response.body), contentLength: response.header("Content-Length").flatMap { Int($0) },
            contentType: response.header("Content-Type"), contentEncoding: response.header("Content-Encoding"),
            contentRange: response.header("Content-Range"), eTag: response.header("ETag"),
            lastModified: response.header("Last-Modified").flatMap(AWSDateCoding.parse),
            versionId: response.header("x-amz-version-id"),
            deleteMarker: response.header("x-amz-delete-marker").map { $0 == "true" },
            serverSideEncryption: response.header("x-amz-server-side-encryption"), metadata: metadata)
    }

    /// The object URL, path-style or virtual-hosted, with the key percent-encoded segment by segment.
    static func objectURL(base: URL, bucket: String, key: String, pathStyle: Bool, input: GetObjectRequest) -> URL? {
        let encodedKey = key.split(separator: "/", omittingEmptySubsequences: false)
            .map { AWSQueryParameters.percentEncode(String($0)) }.joined(separator: "/")
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else { return nil }
        let basePath =
            components.percentEncodedPath.hasSuffix("/")
            ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        if pathStyle || !isVirtualHostable(bucket) {
            components.percentEncodedPath = "\(basePath)/\(AWSQueryParameters.percentEncode(bucket))/\(encodedKey)"
        } else {
            components.host = "\(bucket).\(components.host ?? "")"
            components.percentEncodedPath = "\(basePath)/\(encodedKey)"
        }
        var query: [String] = []
        if let partNumber = input.partNumber { query.append("partNumber=\(partNumber)") }
        if let versionId = input.versionId { query.append("versionId=\(AWSQueryParameters.percentEncode(versionId))") }
        components.percentEncodedQuery = query.isEmpty ? nil : query.joined(separator: "&")
        return components.url
    }

    /// Whether a bucket name can be a host label (lower case, digits, hyphens, 3–63 chars, no dots).
    static func isVirtualHostable(_ bucket: String) -> Bool {
        guard (3...63).contains(bucket.count), !bucket.hasPrefix("-"), !bucket.hasSuffix("-") else { return false }
        return bucket.allSatisfy { ($0.isLowercase && $0.isASCII) || ($0.isNumber && $0.isASCII) || $0 == "-" }
    }

    /// An RFC 1123 date for conditional headers.
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
