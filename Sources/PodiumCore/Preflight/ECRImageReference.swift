import Foundation

/// A container image URI in ECR: `<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>[:tag][@digest]`.
public struct ECRImageReference: Sendable, Equatable {
    /// The registry's account.
    public var account: String
    /// The registry's region.
    public var region: String
    /// The repository name (may contain `/`).
    public var repository: String
    /// The tag, when the URI names one.
    public var tag: String?
    /// The digest (`sha256:…`), when the URI names one.
    public var digest: String?

    /// Parses an image URI; `nil` when it is not an ECR image (Docker Hub, another registry, a malformed URI).
    public init?(_ uri: String) {
        let trimmed = uri.hasPrefix("https://") ? String(uri.dropFirst("https://".count)) : uri
        guard let slash = trimmed.firstIndex(of: "/") else { return nil }
        let host = trimmed[..<slash].split(separator: ":").first.map(String.init) ?? ""
        let labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        // <account>.dkr.ecr[-fips].<region>.amazonaws.com(.cn)
        guard labels.count >= 6, labels[0].count == 12, labels[0].allSatisfy(\.isNumber), labels[1] == "dkr",
            labels[2] == "ecr" || labels[2] == "ecr-fips", labels[4] == "amazonaws", labels[5] == "com"
        else { return nil }
        var path = String(trimmed[trimmed.index(after: slash)...])
        var digest: String?
        if let at = path.firstIndex(of: "@") {
            digest = String(path[path.index(after: at)...])
            path = String(path[..<at])
        }
        var tag: String?
        if let colon = path.lastIndex(of: ":") {
            tag = String(path[path.index(after: colon)...])
            path = String(path[..<colon])
        }
        guard !path.isEmpty, digest?.isEmpty != true, tag?.isEmpty != true else { return nil }
        account = labels[0]
        region = labels[3]
        repository = path
        self.tag = tag
        self.digest = digest
    }

    /// The tag or digest DescribeImages asks for; `latest` when the URI names neither, as Docker pulls it.
    public var imageId: (tag: String?, digest: String?) {
        if digest != nil { return (nil, digest) }
        return (tag ?? "latest", nil)
    }
}

/// An S3 object URL, `s3://bucket/key`.
public struct S3ObjectLocation: Sendable, Equatable {
    /// The bucket.
    public var bucket: String
    /// The key (empty for a bucket URL).
    public var key: String

    /// Parses `s3://bucket/key`; `nil` for anything else.
    public init?(_ url: String) {
        guard url.hasPrefix("s3://") else { return nil }
        let rest = url.dropFirst("s3://".count)
        let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bucket = parts.first, !bucket.isEmpty else { return nil }
        self.bucket = String(bucket)
        key = parts.count > 1 ? String(parts[1]) : ""
    }

    /// Whether the URL names a prefix (ends with `/`, or has no key) rather than one object.
    public var isPrefix: Bool { key.isEmpty || key.hasSuffix("/") }
}
