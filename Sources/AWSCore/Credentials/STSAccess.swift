import Foundation
import Logging

/// How the role providers reach STS: its region, an optional endpoint (emulator, `AWS_ENDPOINT_URL_STS`) and
/// the transport.
public struct STSAccess: Sendable {
    /// The STS region (regional endpoint `sts.<region>…`).
    public var region: String
    /// A custom STS URL, or `nil` for the standard regional host.
    public var endpoint: URL?
    /// The HTTP seam.
    public var transport: any HTTPTransport
    /// The connect and read timeouts of each STS attempt (a stalled STS must not hold a command for minutes).
    public var timeouts: TransportTimeouts

    /// Creates the access description.
    public init(
        region: String, endpoint: URL? = nil, transport: any HTTPTransport,
        timeouts: TransportTimeouts = TransportTimeouts()
    ) {
        self.region = region
        self.endpoint = endpoint
        self.transport = transport
        self.timeouts = timeouts
    }

    /// An STS client calling with `credentials` (or unsigned when `nil`).
    func client(credentials: AWSCredentials?) -> STSClient {
        STSClient(
            client: AWSClient(
                region: region, credentialProvider: credentials.map { AWSClient.FixedCredentials($0) },
                endpoints: endpoint.map { .url($0) } ?? .standard, transport: transport, readOnly: false,
                logger: Logger(label: "podium.aws.sts"),
                timeouts: timeouts))
    }

    /// A default role session name, as botocore's `botocore-session-<epoch>`.
    static func defaultSessionName(now: Date) -> String {
        "podium-session-\(Int(now.timeIntervalSince1970))"
    }
}
