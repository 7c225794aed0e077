import Foundation

/// Where to send a service's requests and how to sign them.
public struct ResolvedEndpoint: Sendable, Equatable {
    /// Where the URL came from, in botocore's precedence order.
    public enum Source: Sendable, Equatable {
        /// The standard AWS host for the region's partition.
        case standard
        /// `AWS_ENDPOINT_URL_<SERVICE>`.
        case serviceEnvironmentVariable(String)
        /// `AWS_ENDPOINT_URL`.
        case globalEnvironmentVariable
        /// `endpoint_url` under the service in the profile's `[services x]` section.
        case servicesSection(profile: String, section: String)
        /// The profile's own `endpoint_url`.
        case profile(String)
    }

    /// The base URL (`https://api.sagemaker.eu-west-1.amazonaws.com`, or a configured one).
    public var url: URL
    /// The SigV4 signing name (`sagemaker`, `monitoring`, `sts`, `s3`).
    public var signingName: String
    /// The SigV4 signing region.
    public var signingRegion: String
    /// The partition of the region.
    public var partition: AWSPartition
    /// Where the URL came from.
    public var source: Source

    /// Whether the URL was configured rather than derived (S3 then uses path-style addressing).
    public var isCustom: Bool { source != .standard }
}
