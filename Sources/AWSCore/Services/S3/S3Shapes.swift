import Foundation

/// The input of S3 GetObject (botocore `GetObjectRequest`): the members Podium uses.
public struct GetObjectRequest: Sendable, Equatable {
    /// The bucket name.
    public var bucket: String
    /// The object key.
    public var key: String
    /// Return the object only if its ETag matches (`If-Match`).
    public var ifMatch: String?
    /// Return the object only if its ETag differs (`If-None-Match`).
    public var ifNoneMatch: String?
    /// Return the object only if modified since (`If-Modified-Since`).
    public var ifModifiedSince: Date?
    /// A byte range (`Range: bytes=0-1023`).
    public var range: String?
    /// A specific version (`versionId` query parameter).
    public var versionId: String?
    /// One part of a multipart object (`partNumber`).
    public var partNumber: Int?
    /// The account expected to own the bucket (`x-amz-expected-bucket-owner`).
    public var expectedBucketOwner: String?

    /// Creates a request.
    public init(
        bucket: String, key: String, ifMatch: String? = nil, ifNoneMatch: String? = nil,
        ifModifiedSince: Date? = nil, range: String? = nil, versionId: String? = nil, partNumber: Int? = nil,
        expectedBucketOwner: String? = nil
    ) {
        self.bucket = bucket
        self.key = key
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
        self.range = range
        self.versionId = versionId
        self.partNumber = partNumber
        self.expectedBucketOwner = expectedBucketOwner
    }
}

/// The output of S3 GetObject (botocore `GetObjectOutput`): the body and the headers Podium uses.
public struct GetObjectOutput: Sendable, Equatable {
    /// The object's bytes.
    public var body: Data
    /// `Content-Length`.
    public var contentLength: Int?
    /// `Content-Type`.
    public var contentType: String?
    /// `Content-Encoding`.
    public var contentEncoding: String?
    /// `Content-Range`, for ranged reads.
    public var contentRange: String?
    /// `ETag`.
    public var eTag: String?
    /// `Last-Modified`.
    public var lastModified: Date?
    /// `x-amz-version-id`.
    public var versionId: String?
    /// `x-amz-delete-marker`.
    public var deleteMarker: Bool?
    /// `x-amz-server-side-encryption`.
    public var serverSideEncryption: String?
    /// User metadata (`x-amz-meta-*` headers, names without the prefix, lower case).
    public var metadata: [String: String]

    /// Creates an output.
    public init(
        body: Data, contentLength: Int? = nil, contentType: String? = nil, contentEncoding: String? = nil,
        contentRange: String? = nil, eTag: String? = nil, lastModified: Date? = nil, versionId: String? = nil,
        deleteMarker: Bool? = nil, serverSideEncryption: String? = nil, metadata: [String: String] = [:]
    ) {
        self.body = body
        self.contentLength = contentLength
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.contentRange = contentRange
        self.eTag = eTag
        self.lastModified = lastModified
        self.versionId = versionId
        self.deleteMarker = deleteMarker
        self.serverSideEncryption = serverSideEncryption
        self.metadata = metadata
    }
}
