import Foundation

/// One entry of the emulator's request log (`GET /_podium/requests`).
public struct EmulatorRequest: Decodable, Sendable, Equatable {
    /// Order in which the emulator received the request, starting at 1.
    public let seq: Int
    /// When the request arrived, ISO 8601 UTC with milliseconds.
    public let time: String
    /// The signing name: `sagemaker`, `monitoring`, `sts`, `s3`…
    public let service: String
    /// The operation, e.g. `DescribeEndpoint` (from X-Amz-Target, the `Action` field, or the S3 method).
    public let operation: String
    /// The HTTP status sent back; 0 when the connection was reset by an injected fault.
    public let status: Int
    /// The account moto acted in.
    public let account: String
    /// The region from the credential scope.
    public let region: String
    /// The HTTP method.
    public let method: String
    /// The request path.
    public let path: String
    /// The injected fault kind that applied to this request, if any.
    public let fault: String?

    /// `time` as a `Date`.
    public var date: Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: time)
    }
}
