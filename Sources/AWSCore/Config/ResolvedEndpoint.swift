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

    /// Whether requests would carry credentials unencrypted across a network: plain `http://` to a host that is
    /// not this machine. The signature cannot be replayed for long, but the session token travels in the clear.
    /// AWSCore never prints; the front end decides how to warn.
    public var carriesCredentialsInTheClear: Bool {
        url.scheme?.lowercased() == "http" && !Self.isLoopback(host: url.host ?? "")
    }

    /// `localhost` (and `*.localhost`), 127.0.0.0/8 and `::1`: names that never leave the machine.
    public static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        if name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
