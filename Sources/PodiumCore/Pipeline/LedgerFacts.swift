import Foundation

/// What the ledger knows about one group × environment row, gathered by `LedgerReader` and judged by the pure
/// `LedgerEvaluator`: the latest Approved version, what the endpoint runs, the pin, the stack, and what the last
/// promotion set. `nil` means "not configured" or "could not be read"; `problems` says which.
public struct LedgerFacts: Sendable, Equatable, Codable {
    /// A registry version: its number and ARN.
    public struct Version: Sendable, Equatable, Codable {
        /// The version number.
        public var version: Int
        /// The model package ARN.
        public var arn: String

        /// Creates a version.
        public init(version: Int, arn: String) {
            self.version = version
            self.arn = arn
        }
    }

    /// What the endpoint runs, followed endpoint → config → model → package.
    public struct Running: Sendable, Equatable, Codable {
        /// Whether the endpoint exists.
        public var exists: Bool
        /// `InService`, `Updating`, …
        public var status: String?
        /// Whether a deployment is in progress (flags that compare targets wait for it to end).
        public var changing: Bool
        /// The endpoint config in use.
        public var endpointConfig: String?
        /// The package ARN behind the model.
        public var packageArn: String?
        /// The version number, from the ARN.
        public var version: Int?
        /// The package's approval status in the registry, `nil` when unknown.
        public var packageStatus: ApprovalStatus?
        /// `false` when the registry listing succeeded and has no such version (deleted); `nil` when unknown.
        public var packageListed: Bool?

        /// Creates a running state.
        public init(
            exists: Bool, status: String? = nil, changing: Bool = false, endpointConfig: String? = nil,
            packageArn: String? = nil, version: Int? = nil, packageStatus: ApprovalStatus? = nil,
            packageListed: Bool? = nil
        ) {
            self.exists = exists
            self.status = status
            self.changing = changing
            self.endpointConfig = endpointConfig
            self.packageArn = packageArn
            self.version = version
            self.packageStatus = packageStatus
            self.packageListed = packageListed
        }
    }

    /// The pipeline's pin (an SSM parameter).
    public struct Pin: Sendable, Equatable, Codable {
        /// The parameter name.
        public var name: String
        /// Its value, `nil` when the parameter does not exist.
        public var value: String?

        /// Creates a pin.
        public init(name: String, value: String?) {
            self.name = name
            self.value = value
        }
    }

    /// The stack that owns the endpoint, as DescribeStacks shows it.
    public struct Stack: Sendable, Equatable, Codable {
        /// The stack name.
        public var name: String
        /// Whether it exists.
        public var exists: Bool
        /// `StackStatus`.
        public var status: String?
        /// The package parameter's key.
        public var parameter: String
        /// The package parameter's value.
        public var parameterValue: String?
        /// `DriftInformation.StackDriftStatus` (`DRIFTED`, `IN_SYNC`, `NOT_CHECKED`, `UNKNOWN`).
        public var driftStatus: String?
        /// When drift was last detected.
        public var driftChecked: Date?
        /// `StackStatusReason`.
        public var statusReason: String?
        /// When the stack last changed (`LastUpdatedTime`, else its creation time).
        public var lastUpdated: Date?

        /// Creates a stack.
        public init(
            name: String, exists: Bool, status: String? = nil, parameter: String, parameterValue: String? = nil,
            driftStatus: String? = nil, driftChecked: Date? = nil
        ) {
            self.name = name
            self.exists = exists
            self.status = status
            self.parameter = parameter
            self.parameterValue = parameterValue
            self.driftStatus = driftStatus
            self.driftChecked = driftChecked
        }
    }

    /// What the last promotion (or rollback) of the endpoint set, from one source.
    public struct Promotion: Sendable, Equatable, Codable {
        /// Where podium learned it.
        public enum Source: String, Sendable, Equatable, Codable {
            /// A successful promote or rollback record in podium's audit log.
            case auditLog = "audit_log"
            /// The `podium:` tags podium puts on the endpoint right after UpdateEndpoint is accepted.
            case endpointTags = "endpoint_tags"
        }

        /// Where podium learned it.
        public var source: Source
        /// The endpoint config it moved the endpoint to, when known.
        public var endpointConfig: String?
        /// The package ARN it moved the endpoint to, when known.
        public var packageArn: String?
        /// The endpoint config it moved the endpoint away from, when known.
        public var previousEndpointConfig: String?
        /// The package ARN it moved the endpoint away from, when known.
        public var previousPackageArn: String?
        /// When, when known.
        public var time: Date?
        /// Who, when known.
        public var by: String?

        /// Creates a promotion record.
        public init(
            source: Source, endpointConfig: String? = nil, packageArn: String? = nil,
            previousEndpointConfig: String? = nil, previousPackageArn: String? = nil, time: Date? = nil,
            by: String? = nil
        ) {
            self.source = source
            self.endpointConfig = endpointConfig
            self.packageArn = packageArn
            self.previousEndpointConfig = previousEndpointConfig
            self.previousPackageArn = previousPackageArn
            self.time = time
            self.by = by
        }
    }

    /// The model package group.
    public var group: String
    /// The environment.
    public var environment: String
    /// The endpoint that serves the group there.
    public var endpoint: String
    /// The newest Approved version, `nil` when there is none (or the registry could not be read).
    public var latestApproved: Version?
    /// What the endpoint runs, `nil` when it could not be read.
    public var running: Running?
    /// The pin, when the environment's pipeline is started by one.
    public var pin: Pin?
    /// The stack, when one owns the endpoint in the config.
    public var stack: Stack?
    /// What the last promotions set, one per source that knows.
    public var lastPromotions: [Promotion]
    /// Sources that could not be read, each naming the source and why (an IAM action when refused).
    public var problems: [String]

    /// Creates facts for a row.
    public init(
        group: String, environment: String, endpoint: String, latestApproved: Version? = nil, running: Running? = nil,
        pin: Pin? = nil, stack: Stack? = nil, lastPromotions: [Promotion] = [], problems: [String] = []
    ) {
        self.group = group
        self.environment = environment
        self.endpoint = endpoint
        self.latestApproved = latestApproved
        self.running = running
        self.pin = pin
        self.stack = stack
        self.lastPromotions = lastPromotions
        self.problems = problems
    }
}
