import Foundation

extension S3Client {
    /// HeadObject (read): the object's metadata without its body. IAM authorises it as `s3:GetObject`.
    public static let headObjectOperation = AWSOperation("HeadObject", .read)

    /// Reads an object's headers. A HEAD answer has no body, so a missing object is `AWSServiceError` with HTTP
    /// status 404 (code `HTTP404`, see `isNotFound`) and a refusal has status 403.
    public func headObject(_ input: HeadObjectRequest) async throws -> HeadObjectOutput {
        let op = Self.headObjectOperation
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
            let addressing = GetObjectRequest(bucket: input.bucket, key: input.key, versionId: input.versionId)
            guard
                let url = Self.objectURL(
                    base: base, bucket: input.bucket, key: input.key, pathStyle: custom, input: addressing)
            else {
                throw AWSClientError.invalidRequest(
                    service: Self.service.serviceId, operation: op.name,
                    reason: "cannot form a URL for the bucket and key")
            }
            var headers: [(name: String, value: String)] = [("User-Agent", AWSClient.userAgent)]
            if let v = input.expectedBucketOwner { headers.append(("x-amz-expected-bucket-owner", v)) }
            return HTTPRequest(method: "HEAD", url: url, headers: headers)
        }
        return HeadObjectOutput(
            contentLength: response.header("Content-Length").flatMap { Int($0) },
            contentType: response.header("Content-Type"), eTag: response.header("ETag"),
            lastModified: response.header("Last-Modified").flatMap(AWSDateCoding.parse),
            versionId: response.header("x-amz-version-id"),
            serverSideEncryption: response.header("x-amz-server-side-encryption"),
            sseKMSKeyId: response.header("x-amz-server-side-encryption-aws-kms-key-id"))
    }

    /// Whether an error says the object (or bucket) is not there: HTTP 404, whatever the code (a HEAD answer has
    /// no body to name one; GetObject's is `NoSuchKey`).
    public static func isNotFound(_ error: any Error) -> Bool {
        (error as? AWSServiceError)?.httpStatus == 404
    }
}
