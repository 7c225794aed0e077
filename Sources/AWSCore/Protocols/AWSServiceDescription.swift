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
    /// REST-JSON (SSO, SSO-OIDC): the operation is in the method and path, members in the path, query,
    /// headers or a JSON body.
    case restJSON
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
    /// Whether the service is global (IAM): one endpoint per partition, signed for the partition's global region.
    public var isGlobal: Bool

    /// Creates a description.
    public init(
        serviceId: String, endpointKey: String, signingName: String, endpointPrefix: String, wireProtocol: AWSProtocol,
        isGlobal: Bool = false
    ) {
        self.serviceId = serviceId
        self.endpointKey = endpointKey
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.wireProtocol = wireProtocol
        self.isGlobal = isGlobal
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
    /// CloudWatch Logs (2014-03-28): awsJson 1.1, target prefix `Logs_20140328`; `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`.
    public static let cloudWatchLogs = AWSServiceDescription(
        serviceId: "CloudWatch Logs", endpointKey: "logs", signingName: "logs", endpointPrefix: "logs",
        wireProtocol: .json(version: "1.1", targetPrefix: "Logs_20140328", queryCompatible: false))
    /// CloudFormation (2010-05-15): awsQuery.
    public static let cloudFormation = AWSServiceDescription(
        serviceId: "CloudFormation", endpointKey: "cloudformation", signingName: "cloudformation",
        endpointPrefix: "cloudformation", wireProtocol: .query(apiVersion: "2010-05-15"))
    /// SSM (2014-11-06): awsJson 1.1, target prefix `AmazonSSM`.
    public static let ssm = AWSServiceDescription(
        serviceId: "SSM", endpointKey: "ssm", signingName: "ssm", endpointPrefix: "ssm",
        wireProtocol: .json(version: "1.1", targetPrefix: "AmazonSSM", queryCompatible: false))
    /// ECR (2015-09-21): awsJson 1.1, host `api.ecr.<region>`, signed as `ecr`.
    public static let ecr = AWSServiceDescription(
        serviceId: "ECR", endpointKey: "ecr", signingName: "ecr", endpointPrefix: "api.ecr",
        wireProtocol: .json(
            version: "1.1", targetPrefix: "AmazonEC2ContainerRegistry_V20150921", queryCompatible: false))
    /// KMS (2014-11-01): awsJson 1.1, target prefix `TrentService`.
    public static let kms = AWSServiceDescription(
        serviceId: "KMS", endpointKey: "kms", signingName: "kms", endpointPrefix: "kms",
        wireProtocol: .json(version: "1.1", targetPrefix: "TrentService", queryCompatible: false))
    /// IAM (2010-05-08): awsQuery, a global service: one host per partition (`iam.amazonaws.com`), signed for the
    /// partition's global region (`us-east-1`), whatever region the client is in.
    public static let iam = AWSServiceDescription(
        serviceId: "IAM", endpointKey: "iam", signingName: "iam", endpointPrefix: "iam",
        wireProtocol: .query(apiVersion: "2010-05-08"), isGlobal: true)
    /// EventBridge (2015-10-07): awsJson 1.1, target prefix `AWSEvents`, host `events.<region>`.
    public static let eventBridge = AWSServiceDescription(
        serviceId: "EventBridge", endpointKey: "events", signingName: "events", endpointPrefix: "events",
        wireProtocol: .json(version: "1.1", targetPrefix: "AWSEvents", queryCompatible: false))

    /// Every service AWSCore has a client for: one retry quota and one adaptive rate limiter each.
    public static let all: [AWSServiceDescription] = [
        .sageMaker, .cloudWatch, .sts, .s3, .cloudWatchLogs, .cloudFormation, .ssm, .ecr, .kms, .iam, .eventBridge,
    ]

    /// The IAM action that authorises an operation (`sagemaker:DescribeEndpoint`): the service id in lower case is
    /// the IAM prefix, except where IAM names the service otherwise (`logs:`, `events:`); S3's HeadObject is
    /// authorised as `s3:GetObject`.
    public static func iamAction(serviceId: String, operation: String) -> String {
        switch (serviceId, operation) {
        case ("S3", "HeadObject"): return "s3:GetObject"
        case ("CloudWatch Logs", _): return "logs:\(operation)"
        case ("EventBridge", _): return "events:\(operation)"
        default: return "\(serviceId.lowercased()):\(operation)"
        }
    }

    /// The region requests are signed for: the client's, or for a global service (IAM) the partition's global
    /// region (`us-east-1`, `cn-north-1`, `us-gov-west-1`), as botocore's endpoint rules say.
    public func signingRegion(forClientRegion region: String) -> String {
        guard isGlobal else { return region }
        switch AWSPartition.of(region: region).id {
        case "aws-cn": return "cn-north-1"
        case "aws-us-gov": return "us-gov-west-1"
        case "aws-iso": return "us-iso-east-1"
        case "aws-iso-b": return "us-isob-east-1"
        default: return "us-east-1"
        }
    }

    /// The standard host of a global service in the client region's partition (`https://iam.amazonaws.com`);
    /// `nil` for regional services.
    public func globalEndpoint(forClientRegion region: String) -> URL? {
        guard isGlobal else { return nil }
        let partition = AWSPartition.of(region: region)
        switch partition.id {
        case "aws": return URL(string: "https://\(endpointPrefix).amazonaws.com")
        case "aws-us-gov": return URL(string: "https://\(endpointPrefix).us-gov.amazonaws.com")
        default:
            let signing = signingRegion(forClientRegion: region)
            return URL(string: "https://\(endpointPrefix).\(signing).\(partition.dnsSuffix)")
        }
    }
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
