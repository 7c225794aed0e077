import Foundation

/// The wire protocol of a service.
public enum AWSProtocol: Sendable, Equatable {
    /// awsJson 1.0 / 1.1: POST `/`, `X-Amz-Target: <targetPrefix>.<Operation>`, JSON body; `queryCompatible`
    /// services (CloudWatch) also send `x-amzn-query-mode: true`.
    case json(version: String, targetPrefix: String, queryCompatible: Bool)
    /// awsQuery: POST `/` with a form body `Action=…&Version=…`, XML responses.
    case query(apiVersion: String)
    /// REST-XML (S3): the operation is in the method and path.
    case restXML
}

/// What AWSCore needs to know about one service: ids, signing name, endpoint prefix and protocol.
public struct AWSServiceDescription: Sendable, Equatable {
    /// The service id used in errors and logs (`SageMaker`, `CloudWatch`, `STS`, `S3`).
    public var serviceId: String
    /// The endpoint resolver's key (`sagemaker`, `monitoring`, `sts`, `s3`).
    public var endpointKey: String
    /// The SigV4 signing name (`sagemaker`, `monitoring`, `sts`, `s3`).
    public var signingName: String
    /// The host prefix (`api.sagemaker`, `monitoring`, `sts`, `s3`).
    public var endpointPrefix: String
    /// The protocol.
    public var wireProtocol: AWSProtocol

    /// Creates a description.
    public init(
        serviceId: String, endpointKey: String, signingName: String, endpointPrefix: String, wireProtocol: AWSProtocol
    ) {
        self.serviceId = serviceId
        self.endpointKey = endpointKey
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.wireProtocol = wireProtocol
    }

    /// SageMaker (2017-07-24): awsJson 1.1, target prefix `SageMaker`.
    public static let sageMaker = AWSServiceDescription(
        serviceId: "SageMaker", endpointKey: "sagemaker", signingName: "sagemaker", endpointPrefix: "api.sagemaker",
        wireProtocol: .json(version: "1.1", targetPrefix: "SageMaker", queryCompatible: false))
    /// CloudWatch (2010-08-01): awsJson 1.0, target prefix `GraniteServiceVersion20100801`, query-compatible.
    public static let cloudWatch = AWSServiceDescription(
        serviceId: "CloudWatch", endpointKey: "monitoring", signingName: "monitoring", endpointPrefix: "monitoring",
        wireProtocol: .json(version: "1.0", targetPrefix: "GraniteServiceVersion20100801", queryCompatible: true))
    /// STS (2011-06-15): awsQuery.
    public static let sts = AWSServiceDescription(
        serviceId: "STS", endpointKey: "sts", signingName: "sts", endpointPrefix: "sts",
        wireProtocol: .query(apiVersion: "2011-06-15"))
    /// S3 (2006-03-01): REST-XML.
    public static let s3 = AWSServiceDescription(
        serviceId: "S3", endpointKey: "s3", signingName: "s3", endpointPrefix: "s3", wireProtocol: .restXML)
}

/// Whether an operation only reads or also changes AWS resources.
public enum AWSOperationAccess: String, Sendable, Equatable {
    /// Reads only (Describe*, List*, Get*). Allowed on read-only clients.
    case read
    /// Changes something (Create*, Update*, AddTags). Refused by read-only clients before sending.
    case write
}

/// One operation of a service, with its access kind declared where it is defined.
public struct AWSOperation: Sendable, Equatable {
    /// The operation name as on the wire (`DescribeEndpoint`).
    public var name: String
    /// Read or write.
    public var access: AWSOperationAccess
    /// Whether the request is sent without a signature (STS AssumeRoleWithWebIdentity).
    public var unsigned: Bool

    /// Creates an operation.
    public init(_ name: String, _ access: AWSOperationAccess, unsigned: Bool = false) {
        self.name = name
        self.access = access
        self.unsigned = unsigned
    }
}
