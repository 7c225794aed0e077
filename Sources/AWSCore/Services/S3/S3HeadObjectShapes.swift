import Foundation

/// The input of S3 HeadObject (botocore `HeadObjectRequest`): the members Podium uses.
public struct HeadObjectRequest: Sendable, Equatable {
    /// The bucket name.
    public var bucket: String
    /// The object key.
    public var key: String
    /// A specific version (`versionId` query parameter).
    public var versionId: String?
    /// The account expected to own the bucket (`x-amz-expected-bucket-owner`).
    public var expectedBucketOwner: String?

    /// Creates a request.
    public init(bucket: String, key: String, versionId: String? = nil, expectedBucketOwner: String? = nil) {
        self.bucket = bucket
        self.key = key
        self.versionId = versionId
        self.expectedBucketOwner = expectedBucketOwner
    }
}

/// The output of S3 HeadObject (botocore `HeadObjectOutput`): the object's headers, no body.
public struct HeadObjectOutput: Sendable, Equatable {
    /// `Content-Length`: the object's size in bytes.
    public var contentLength: Int?
    /// `Content-Type`.
    public var contentType: String?
    /// `ETag`.
    public var eTag: String?
    /// `Last-Modified`.
    public var lastModified: Date?
    /// `x-amz-version-id`.
    public var versionId: String?
    /// `x-amz-server-side-encryption` (`aws:kms`, `AES256`).
    public var serverSideEncryption: String?
    /// `x-amz-server-side-encryption-aws-kms-key-id`.
    public var sseKMSKeyId: String?

    /// Creates an output.
    public init(
        contentLength: Int? = nil, contentType: String? = nil, eTag: String? = nil, lastModified: Date? = nil,
        versionId: String? = nil, serverSideEncryption: String? = nil, sseKMSKeyId: String? = nil
    ) {
        self.contentLength = contentLength
        self.contentType = contentType
        self.eTag = eTag
        self.lastModified = lastModified
        self.versionId = versionId
        self.serverSideEncryption = serverSideEncryption
        self.sseKMSKeyId = sseKMSKeyId
    }
}
