import Foundation
import Logging

/// The AWS client shared by Podium's front ends: one region, one credentials provider, one transport, and
/// the typed service clients built on them. It holds no UI state.
///
/// ```swift
/// let aws = AWSClient(region: "eu-west-1", credentialProvider: provider, endpoints: .configured(resolver), readOnly: true)
/// let endpoint = try await aws.sageMaker.describeEndpoint(.init(endpointName: "churn"))
/// ```
///
/// Every operation is declared `.read` or `.write`; with `readOnly: true` a write is refused with
/// `AWSClientError.readOnlyRefused` before anything is signed or sent. Calls are retried in the SDKs'
/// standard mode (`RetryPolicy`), with the sleeper, the randomness and the clock injected. A clock skew error
/// corrects the signing clock from AWS's `Date` (`ClockSkew`) and retries; an expired-token error refreshes
/// refreshable credentials once and retries.
public final class AWSClient: Sendable {
    /// The region requests are sent to and signed for.
    public let region: String
    /// Where credentials come from; `nil` sends only unsigned operations.
    public let credentialProvider: (any CredentialProvider)?
    /// Where each service's requests go.
    public let endpoints: EndpointSource
    /// The HTTP transport.
    public let transport: any HTTPTransport
    /// The retry policy (standard mode by default).
    public let retryPolicy: RetryPolicy
    /// Whether write operations are refused.
    public let readOnly: Bool
    /// Receives one debug line per attempt (operation, attempt, status, latency); never credentials.
    public let logger: Logger
    /// The connect and read timeouts of each attempt.
    public let timeouts: TransportTimeouts
    /// Waits between retries.
    public let sleeper: any AWSSleeper
    /// The jitter of the backoff.
    public let random: AWSRandom
    /// The clock used for signing (corrected by `clockSkew`).
    public let now: @Sendable () -> Date
    /// The correction of `now` learnt from AWS's `Date` header after a clock skew error.
    public let clockSkew: ClockSkew
    /// The in-flight bound and adaptive rate limiters, shared with every client of the same account and region.
    public let limits: RequestLimits
    /// One retry quota per service, as botocore keeps one per client.
    let quotas: [String: RetryQuota]

    /// Creates a client: the one initialiser.
    /// - Parameters:
    ///   - region: the AWS region (`eu-west-1`).
    ///   - credentialProvider: the credentials; `nil` only for unsigned calls (web identity).
    ///   - endpoints: where requests go: `.standard` AWS hosts, one `.url` (the emulator), a `.resolver` function,
    ///     or the `.configured` resolver (`AWS_ENDPOINT_URL…`, profile `endpoint_url`, `[services]`).
    ///   - transport: defaults to the shared AsyncHTTPClient transport.
    ///   - retryPolicy: standard mode by default.
    ///   - readOnly: refuse write operations before sending them.
    ///   - logger: one debug line per attempt.
    ///   - timeouts: the connect and read timeouts of each attempt.
    ///   - sleeper, random, now: the waits between retries, the jitter and the signing clock (tests inject them).
    ///   - limits: the in-flight bound and adaptive rate limiting; pass one value to clients that share an
    ///     account and region. The default bounds this client alone to 8 in flight, without adaptive limiting
    ///     (Podium's client factory shares limits and turns it on).
    ///   - clockSkew: the signing clock's correction; copies made by `with(...)` share it.
    public init(
        region: String,
        credentialProvider: (any CredentialProvider)?,
        endpoints: EndpointSource = .standard,
        transport: any HTTPTransport = AsyncHTTPTransport.shared,
        retryPolicy: RetryPolicy = .standard,
        readOnly: Bool,
        logger: Logger = Logger(label: "podium.aws"),
        timeouts: TransportTimeouts = TransportTimeouts(),
        sleeper: any AWSSleeper = TaskSleeper(),
        random: AWSRandom = .system,
        now: @escaping @Sendable () -> Date = { Date() },
        limits: RequestLimits = RequestLimits(adaptive: false),
        clockSkew: ClockSkew = ClockSkew()
    ) {
        self.region = region
        self.credentialProvider = credentialProvider
        self.endpoints = endpoints
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.readOnly = readOnly
        self.logger = logger
        self.timeouts = timeouts
        self.sleeper = sleeper
        self.random = random
        self.now = now
        self.limits = limits
        self.clockSkew = clockSkew
        var quotas: [String: RetryQuota] = [:]
        for service in AWSServiceDescription.all {
            quotas[service.serviceId] = RetryQuota()
        }
        self.quotas = quotas
    }

    // MARK: - Service clients

    /// SageMaker: model registry and endpoints.
    public var sageMaker: SageMakerClient { SageMakerClient(client: self) }
    /// CloudWatch: metric data and alarms.
    public var cloudWatch: CloudWatchClient { CloudWatchClient(client: self) }
    /// STS: caller identity and role assumption.
    public var sts: STSClient { STSClient(client: self) }
    /// S3: object reads (evaluation reports).
    public var s3: S3Client { S3Client(client: self) }
    /// CloudWatch Logs: log groups, streams and events (audit sink, endpoint logs).
    public var cloudWatchLogs: CloudWatchLogsClient { CloudWatchLogsClient(client: self) }
    /// CloudFormation: stacks, their events and resources, updates and drift.
    public var cloudFormation: CloudFormationClient { CloudFormationClient(client: self) }
    /// SSM Parameter Store: pipeline pins.
    public var ssm: SSMClient { SSMClient(client: self) }
    /// ECR: container images (preflight).
    public var ecr: ECRClient { ECRClient(client: self) }
    /// KMS: key state (preflight).
    public var kms: KMSClient { KMSClient(client: self) }
    /// IAM (global): execution roles (preflight).
    public var iam: IAMClient { IAMClient(client: self) }
    /// EventBridge: the rules that trigger a promotion pipeline.
    public var eventBridge: EventBridgeClient { EventBridgeClient(client: self) }

    /// A copy of this client with a different region, read-only flag or credentials; the transport and the clock
    /// correction (the local clock's skew is the same whatever the region) are shared, and so are the request
    /// limits unless the region changes (limits are per account and region).
    public func with(
        region: String? = nil, credentialProvider: (any CredentialProvider)?? = nil, readOnly: Bool? = nil
    ) -> AWSClient {
        AWSClient(
            region: region ?? self.region, credentialProvider: credentialProvider ?? self.credentialProvider,
            endpoints: endpoints, transport: transport, retryPolicy: retryPolicy,
            readOnly: readOnly ?? self.readOnly, logger: logger, timeouts: timeouts, sleeper: sleeper, random: random,
            now: now,
            limits: region.map { $0 == self.region } ?? true ? limits : limits.withSameSettings(), clockSkew: clockSkew)
    }

    /// The quota of a service.
    func quota(for service: AWSServiceDescription) -> RetryQuota {
        quotas[service.serviceId] ?? RetryQuota()
    }

    /// The base URL of a service: the custom endpoint, the resolver's answer, or the standard AWS host.
    public func endpointURL(for service: AWSServiceDescription) throws -> URL {
        try resolvedEndpoint(for: service).url
    }

    /// The base URL of a service and whether it is custom (configured, not the standard AWS host); S3 uses
    /// path-style addressing on custom endpoints.
    func resolvedEndpoint(for service: AWSServiceDescription) throws -> (url: URL, isCustom: Bool) {
        try endpoints.resolve(service, region: region)
    }
}

extension AWSClient {
    /// A provider that always returns the same credentials (used by `STSClient(credentials:)`).
    public struct FixedCredentials: CredentialProvider {
        /// The credentials returned.
        public let credentials: AWSCredentials

        /// Wraps fixed credentials.
        public init(_ credentials: AWSCredentials) {
            self.credentials = credentials
        }

        /// Returns the fixed credentials.
        public func getCredentials() async throws -> AWSCredentials { credentials }
    }
}
