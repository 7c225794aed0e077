import Foundation

/// CloudFormation (awsQuery, XML answers): the stacks that own endpoints, their events and resources, updates that
/// re-point a stack at a new model package, and drift detection. Obtain it from `AWSClient.cloudFormation`.
public struct CloudFormationClient: Sendable {
    /// The client carrying region, credentials, transport, retries and the read-only flag.
    public let client: AWSClient
    /// The service description.
    public static let service = AWSServiceDescription.cloudFormation
    /// The tag CloudFormation puts on every resource it creates, naming the owning stack.
    public static let stackNameTag = "aws:cloudformation:stack-name"

    /// Every operation of this client with its access kind.
    public enum Operation {
        /// DescribeStacks (read).
        public static let describeStacks = AWSOperation("DescribeStacks", .read)
        /// DescribeStackEvents (read).
        public static let describeStackEvents = AWSOperation("DescribeStackEvents", .read)
        /// DescribeStackResources (read).
        public static let describeStackResources = AWSOperation("DescribeStackResources", .read)
        /// UpdateStack (write).
        public static let updateStack = AWSOperation("UpdateStack", .write)
        /// CancelUpdateStack (write).
        public static let cancelUpdateStack = AWSOperation("CancelUpdateStack", .write)
        /// DetectStackDrift (read: it starts a detection and changes no resource; IAM still needs its action).
        public static let detectStackDrift = AWSOperation("DetectStackDrift", .read)
        /// DescribeStackDriftDetectionStatus (read).
        public static let describeStackDriftDetectionStatus = AWSOperation("DescribeStackDriftDetectionStatus", .read)
        /// DescribeStackResourceDrifts (read).
        public static let describeStackResourceDrifts = AWSOperation("DescribeStackResourceDrifts", .read)
        /// All of them.
        public static let all: [AWSOperation] = [
            describeStacks, describeStackEvents, describeStackResources, updateStack, cancelUpdateStack,
            detectStackDrift, describeStackDriftDetectionStatus, describeStackResourceDrifts,
        ]
    }

    /// Wraps a client.
    public init(client: AWSClient) {
        self.client = client
    }

    /// Describes one stack (by name or id) or every stack of the account (one page).
    public func describeStacks(_ input: DescribeStacksInput = .init()) async throws -> DescribeStacksOutput {
        try await client.query(Operation.describeStacks, service: Self.service, input: input)
    }

    /// One page of a stack's events, newest first.
    public func describeStackEvents(_ input: DescribeStackEventsInput) async throws -> DescribeStackEventsOutput {
        try await client.query(Operation.describeStackEvents, service: Self.service, input: input)
    }

    /// The resources of a stack, or the stack owning a physical resource (`physicalResourceId`: AWS answers
    /// `ValidationError` when no stack owns it).
    public func describeStackResources(_ input: DescribeStackResourcesInput) async throws
        -> DescribeStackResourcesOutput
    {
        try await client.query(Operation.describeStackResources, service: Self.service, input: input)
    }

    /// Starts a stack update. AWS answers `ValidationError` "No updates are to be performed." when nothing
    /// changes (see `isNoUpdates`).
    public func updateStack(_ input: UpdateStackInput) async throws -> UpdateStackOutput {
        try await client.query(Operation.updateStack, service: Self.service, input: input)
    }

    /// Cancels an update in progress; CloudFormation then rolls the stack back.
    public func cancelUpdateStack(_ input: CancelUpdateStackInput) async throws {
        let _: AWSEmptyOutput = try await client.query(
            Operation.cancelUpdateStack, service: Self.service, input: input)
    }

    /// Starts drift detection on a stack; follow it with `describeStackDriftDetectionStatus`.
    public func detectStackDrift(_ input: DetectStackDriftInput) async throws -> DetectStackDriftOutput {
        try await client.query(Operation.detectStackDrift, service: Self.service, input: input)
    }

    /// The state of one drift detection.
    public func describeStackDriftDetectionStatus(_ input: DescribeStackDriftDetectionStatusInput) async throws
        -> DescribeStackDriftDetectionStatusOutput
    {
        try await client.query(Operation.describeStackDriftDetectionStatus, service: Self.service, input: input)
    }

    /// The per-resource results of the last drift detection (one page).
    public func describeStackResourceDrifts(_ input: DescribeStackResourceDriftsInput) async throws
        -> DescribeStackResourceDriftsOutput
    {
        try await client.query(Operation.describeStackResourceDrifts, service: Self.service, input: input)
    }

    /// All pages of `describeStacks`.
    public func describeStacksPaginator(_ input: DescribeStacksInput = .init())
        -> AWSPaginator<DescribeStacksInput, DescribeStacksOutput>
    {
        AWSPaginator(
            input: input, fetch: { try await self.describeStacks($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }

    /// All pages of `describeStackEvents`, newest first; stop iterating once the events are older than needed.
    public func describeStackEventsPaginator(_ input: DescribeStackEventsInput)
        -> AWSPaginator<DescribeStackEventsInput, DescribeStackEventsOutput>
    {
        AWSPaginator(
            input: input, fetch: { try await self.describeStackEvents($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }

    /// All pages of `describeStackResourceDrifts`.
    public func describeStackResourceDriftsPaginator(_ input: DescribeStackResourceDriftsInput)
        -> AWSPaginator<DescribeStackResourceDriftsInput, DescribeStackResourceDriftsOutput>
    {
        AWSPaginator(
            input: input, fetch: { try await self.describeStackResourceDrifts($0) }, nextToken: { $0.nextToken },
            withToken: { input, token in
                var next = input
                next.nextToken = token
                return next
            })
    }

    /// Whether an error is UpdateStack's "No updates are to be performed." (the stack already has these values).
    public static func isNoUpdates(_ error: any Error) -> Bool {
        guard let error = error as? AWSServiceError, error.code == "ValidationError" else { return false }
        return error.message?.contains("No updates are to be performed") == true
    }

    /// Whether an error says the stack (or the resource's owning stack) does not exist: CloudFormation answers
    /// `ValidationError` "Stack with id X does not exist" / "Stack for X does not exist".
    public static func isStackMissing(_ error: any Error) -> Bool {
        guard let error = error as? AWSServiceError, error.code == "ValidationError" else { return false }
        return error.message?.contains("does not exist") == true
    }
}
