/// What the stack and pipeline routes, and the drift guard, decide on: who owns the endpoint, the configured
/// stack as described now, and (for a rollback) the package ARN before the last promotion. Gathered by
/// `RouteFactsReader`; `DeploymentPlanner` decides from it without I/O.
public struct RouteFacts: Sendable, Equatable {
    /// The CloudFormation stack that owns the endpoint (its `aws:cloudformation:stack-name` tag, else
    /// DescribeStackResources by the endpoint's ARN); `nil` when no stack owns it or it does not exist.
    public var owningStack: String?
    /// Why ownership could not be checked (a call was denied), `nil` when it was checked.
    public var ownershipUnknown: String?
    /// The configured stack (stack and pipeline routes), `nil` for the direct route.
    public var stack: StackFacts?
    /// For a rollback: the package ARN the endpoint ran before the change that set the current one (from the
    /// audit log), `nil` when podium does not know it.
    public var previousPackageArn: String?
    /// For the pipeline route with a GitHub trigger: whether the token variable is set (never its value).
    public var tokenPresent: Bool?
    /// The pipeline's SSM pin as it is now (`nil` when not a pin trigger or the parameter does not exist).
    public var pinValue: String?
    /// The preflight checks in the target account and region (of what a promotion or a rollback deploys; empty
    /// when not run).
    public var preflight: [PreflightSummary] = []
    /// The endpoint's own `podium:` tags (ListTags), empty when it has none or they could not be read. Podium
    /// rewrites them at every UpdateEndpoint, so `podium:previous-endpoint-config` there names the config the
    /// last change moved the endpoint from (an endpoint config's tags are written once, at its creation).
    public var endpointTags: [String: String] = [:]

    /// Creates route facts.
    public init(
        owningStack: String? = nil, ownershipUnknown: String? = nil, stack: StackFacts? = nil,
        previousPackageArn: String? = nil, tokenPresent: Bool? = nil, pinValue: String? = nil
    ) {
        self.owningStack = owningStack
        self.ownershipUnknown = ownershipUnknown
        self.stack = stack
        self.previousPackageArn = previousPackageArn
        self.tokenPresent = tokenPresent
        self.pinValue = pinValue
    }
}
