/// Everything a promotion plan is decided on, gathered from AWS and the config before deciding
/// (`PlanningService.promotionFacts`). `DeploymentPlanner.planPromotion` turns it into a plan without any I/O.
public struct PromotionFacts: Sendable, Equatable {
    /// The model package group.
    public var group: String
    /// The version to promote.
    public var version: Int
    /// The target environment's config.
    public var environment: EnvironmentConfig
    /// The target endpoint's config.
    public var endpoint: EndpointSpec
    /// How the change reaches the endpoint.
    public var route: DeploymentRoute
    /// The version's package ARN, as the registry describes it.
    public var packageArn: String
    /// The version's approval status (`nil` when the registry did not say).
    public var packageStatus: ApprovalStatus?
    /// What the endpoint runs now.
    public var current: EndpointDeployment
    /// The gate's verdict, `nil` when the environment has no gate.
    public var gate: GateStatus?
    /// Why changes are refused in the environment (read-only session or environment), `nil` when allowed.
    public var readOnlyReason: String?
    /// Whether the model the plan would create exists already (a re-run after an interruption).
    public var modelExists: Bool
    /// Whether the endpoint config the plan would create exists already.
    public var endpointConfigExists: Bool
    /// The route's own facts: the endpoint's owning stack (drift guard), the configured stack, the pipeline's
    /// trigger, a rollback's previous package, preflight.
    public var routeFacts = RouteFacts()

    /// Creates the facts of a promotion.
    public init(
        group: String, version: Int, environment: EnvironmentConfig, endpoint: EndpointSpec,
        route: DeploymentRoute = .direct, packageArn: String, packageStatus: ApprovalStatus?,
        current: EndpointDeployment,
        gate: GateStatus?, readOnlyReason: String?, modelExists: Bool, endpointConfigExists: Bool
    ) {
        self.group = group
        self.version = version
        self.environment = environment
        self.endpoint = endpoint
        self.route = route
        self.packageArn = packageArn
        self.packageStatus = packageStatus
        self.current = current
        self.gate = gate
        self.readOnlyReason = readOnlyReason
        self.modelExists = modelExists
        self.endpointConfigExists = endpointConfigExists
    }

    /// The name of the model and endpoint config the promotion uses (deterministic, so a re-run reuses them).
    public var resourceName: String {
        SageMakerNames.resourceName(endpoint: endpoint.name, version: version, packageArn: packageArn)
    }
}
