/// Everything a rollback plan is decided on (`PlanningService.rollbackFacts`). `DeploymentPlanner.planRollback`
/// picks the target and the blockers from it without any I/O.
public struct RollbackFacts: Sendable, Equatable {
    /// The endpoint config the current one's `podium:previous-endpoint-config` tag names, as found.
    public struct TaggedPrevious: Sendable, Equatable {
        /// The config's name.
        public var name: String
        /// Whether it still exists.
        public var exists: Bool
        /// Its package ARN, when known (from the history, else by following the config to its model).
        public var packageArn: String?
        /// Its version, when known.
        public var version: Int?

        /// Creates the tagged previous config.
        public init(name: String, exists: Bool, packageArn: String?, version: Int?) {
            self.name = name
            self.exists = exists
            self.packageArn = packageArn
            self.version = version
        }
    }

    /// The environment's config.
    public var environment: EnvironmentConfig
    /// The endpoint's config.
    public var endpoint: EndpointSpec
    /// How the change reaches the endpoint.
    public var route: DeploymentRoute
    /// What the endpoint runs now.
    public var current: EndpointDeployment
    /// The endpoint configs podium created for the endpoint, newest first (empty when it is not deployed).
    public var history: [DeploymentHistoryEntry]
    /// The last promote or rollback of the endpoint in the audit log when it never settled, else `nil`.
    public var unfinished: AuditRecord?
    /// The config the current one's tag names, `nil` when there is no usable tag (or the rollback resumes).
    public var taggedPrevious: TaggedPrevious?
    /// Why changes are refused in the environment, `nil` when allowed.
    public var readOnlyReason: String?
    /// The route's own facts: the endpoint's owning stack (drift guard), the configured stack, the pipeline's
    /// trigger, a rollback's previous package, preflight.
    public var routeFacts = RouteFacts()

    /// Creates the facts of a rollback.
    public init(
        environment: EnvironmentConfig, endpoint: EndpointSpec, route: DeploymentRoute = .direct,
        current: EndpointDeployment, history: [DeploymentHistoryEntry], unfinished: AuditRecord?,
        taggedPrevious: TaggedPrevious?, readOnlyReason: String?
    ) {
        self.environment = environment
        self.endpoint = endpoint
        self.route = route
        self.current = current
        self.history = history
        self.unfinished = unfinished
        self.taggedPrevious = taggedPrevious
        self.readOnlyReason = readOnlyReason
    }
}
