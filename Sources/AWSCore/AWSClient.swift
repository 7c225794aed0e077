import Foundation
import Logging

/// The AWS client shared by Podium's front ends: one region, one credentials provider, one transport, and
/// the typed service clients built on them. It holds no UI state.
///
/// ```swift
/// let aws = AWSClient(region: "eu-west-1", credentialProvider: provider, readOnly: true)
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
    /// An endpoint URL used for every service (an emulator, a VPC endpoint); `nil` uses `endpointResolver`.
    public let endpoint: URL?
    /// Resolves a service's URL when `endpoint` is not set; `nil` uses the standard AWS host names.
    public let endpointResolver: (@Sendable (AWSServiceDescription, String) throws -> URL)?
    /// The configuration-aware resolver (environment, profile, `[services]`), when one was given.
    public let configuredEndpoints: EndpointResolver?
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

    /// Creates a client.
    /// - Parameters:
    ///   - region: the AWS region (`eu-west-1`).
    ///   - credentialProvider: the credentials; `nil` only for unsigned calls (web identity).
    ///   - endpoint: one URL for every service, e.g. the emulator's; `nil` resolves per service.
    ///   - endpointResolver: `(service, region) → URL` when `endpoint` is nil; `nil` means standard AWS hosts.
    ///   - transport: defaults to the shared AsyncHTTPClient transport.
    ///   - readOnly: refuse write operations before sending them.
    ///   - limits: the in-flight bound and adaptive rate limiting; pass one value to clients that share an
    ///     account and region. The default bounds this client alone to 8 in flight, without adaptive limiting
    ///     (Podium's client factory shares limits and turns it on).
    public convenience init(
        region: String,
        credentialProvider: (any CredentialProvider)?,
        endpoint: URL? = nil,
        endpointResolver: (@Sendable (AWSServiceDescription, String) throws -> URL)? = nil,
        transport: any HTTPTransport = AsyncHTTPTransport.shared,
        retryPolicy: RetryPolicy = .standard,
        readOnly: Bool,
        logger: Logger = Logger(label: "podium.aws"),
        timeouts: TransportTimeouts = TransportTimeouts(),
        sleeper: any AWSSleeper = TaskSleeper(),
        random: AWSRandom = .system,
        now: @escaping @Sendable () -> Date = { Date() },
        limits: RequestLimits = RequestLimits(adaptive: false)
    ) {
        self.init(
            region: region, credentialProvider: credentialProvider, endpoint: endpoint,
            endpointResolver: endpointResolver, transport: transport, retryPolicy: retryPolicy, readOnly: readOnly,
            logger: logger, timeouts: timeouts, sleeper: sleeper, random: random, now: now, configuredEndpoints: nil,
            limits: limits)
    }

    private init(
        region: String, credentialProvider: (any CredentialProvider)?, endpoint: URL?,
        endpointResolver: (@Sendable (AWSServiceDescription, String) throws -> URL)?, transport: any HTTPTransport,
        retryPolicy: RetryPolicy, readOnly: Bool, logger: Logger, timeouts: TransportTimeouts,
        sleeper: any AWSSleeper, random: AWSRandom, now: @escaping @Sendable () -> Date,
        configuredEndpoints: EndpointResolver?, limits: RequestLimits, clockSkew: ClockSkew = ClockSkew()
    ) {
        self.limits = limits
        self.region = region
        self.credentialProvider = credentialProvider
        self.endpoint = endpoint
        self.endpointResolver = endpointResolver
        self.configuredEndpoints = configuredEndpoints
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.readOnly = readOnly
        self.logger = logger
        self.timeouts = timeouts
        self.sleeper = sleeper
        self.random = random
        self.now = now
        self.clockSkew = clockSkew
        var quotas: [String: RetryQuota] = [:]
        for service in [AWSServiceDescription.sageMaker, .cloudWatch, .sts, .s3] {
            quotas[service.serviceId] = RetryQuota()
        }
        self.quotas = quotas
    }

    /// The factory Podium uses: region, credentials, the configuration-aware `EndpointResolver`
    /// (`AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, profile `endpoint_url` and `[services]`), read-only flag
    /// and logger; the service clients hang off the result (`sageMaker`, `cloudWatch`, `sts`, `s3`).
    public convenience init(
        region: String,
        credentialProvider: (any CredentialProvider)?,
        endpoints: EndpointResolver,
        transport: any HTTPTransport = AsyncHTTPTransport.shared,
        retryPolicy: RetryPolicy = .standard,
        readOnly: Bool,
        logger: Logger = Logger(label: "podium.aws"),
        timeouts: TransportTimeouts = TransportTimeouts(),
        sleeper: any AWSSleeper = TaskSleeper(),
        random: AWSRandom = .system,
        now: @escaping @Sendable () -> Date = { Date() },
        limits: RequestLimits = RequestLimits(adaptive: false)
    ) {
        self.init(
            region: region, credentialProvider: credentialProvider, endpoint: nil, endpointResolver: nil,
            transport: transport, retryPolicy: retryPolicy, readOnly: readOnly, logger: logger, timeouts: timeouts,
            sleeper: sleeper, random: random, now: now, configuredEndpoints: endpoints, limits: limits)
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

    /// A copy of this client with a different region, read-only flag or credentials; the transport and the clock
    /// correction (the local clock's skew is the same whatever the region) are shared, and so are the request
    /// limits unless the region changes (limits are per account and region).
    public func with(
        region: String? = nil, credentialProvider: (any CredentialProvider)?? = nil, readOnly: Bool? = nil
    ) -> AWSClient {
        AWSClient(
            region: region ?? self.region, credentialProvider: credentialProvider ?? self.credentialProvider,
            endpoint: endpoint, endpointResolver: endpointResolver, transport: transport, retryPolicy: retryPolicy,
            readOnly: readOnly ?? self.readOnly, logger: logger, timeouts: timeouts, sleeper: sleeper, random: random,
            now: now, configuredEndpoints: configuredEndpoints,
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
        if let endpoint { return (endpoint, true) }
        if let endpointResolver { return (try endpointResolver(service, region), true) }
        if let configuredEndpoints {
            let resolved = try configuredEndpoints.resolve(service, region: region)
            return (resolved.url, resolved.isCustom)
        }
        let suffix = AWSPartition.of(region: region).dnsSuffix
        guard let url = URL(string: "https://\(service.endpointPrefix).\(region).\(suffix)") else {
            throw AWSClientError.invalidRequest(
                service: service.serviceId, operation: "", reason: "no valid endpoint for region \(region)")
        }
        return (url, false)
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
