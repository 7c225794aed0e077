/// One environment on the promotion path (dev, pre-prod, prod…), with its own account, region and credentials.
public struct EnvironmentConfig: Sendable, Equatable, Codable {
    /// The environment's name, used on the command line (`--to prod`).
    public var name: String
    /// The AWS region of its endpoints.
    public var region: String
    /// How podium gets credentials for it.
    public var credentials: CredentialsConfig
    /// The role SageMaker assumes to run models created by podium.
    public var executionRoleArn: String?
    /// `KmsKeyId` for endpoint configs (and the model's volume), when set.
    public var kmsKeyId: String?
    /// The VPC for models created by podium, when set.
    public var vpc: VPCSettings?
    /// `true`: nothing in this environment can be changed from podium (AWS clients refuse writes).
    public var readOnly: Bool
    /// The promotion gate, when set.
    public var gate: GateConfig?
    /// How mutating actions are confirmed.
    public var confirm: ConfirmMode
    /// The console's accent colour name for this environment (opaque here; the console resolves it).
    public var accent: String?
    /// The console theme this environment's panels are drawn with (so production looks different); nil: the
    /// console's theme.
    public var theme: String?
    /// How new versions are rolled out.
    public var deployment: DeploymentStrategy
    /// Health thresholds.
    public var thresholds: HealthThresholds
    /// The endpoints podium manages here.
    public var endpoints: [EndpointSpec]
    /// How promotions reach the endpoints (`promotion:`); `nil` is the `direct` route.
    public var promotion: PromotionConfig?
    /// Where this environment's account and region hold replicas of the registry's images and model data
    /// (`artifacts:`); `nil`: models are created from the package as the registry names it.
    public var artifacts: ArtifactReplicas?

    /// Creates an environment.
    public init(
        name: String, region: String, credentials: CredentialsConfig = .defaultChain, executionRoleArn: String? = nil,
        kmsKeyId: String? = nil, vpc: VPCSettings? = nil, readOnly: Bool = false, gate: GateConfig? = nil,
        confirm: ConfirmMode = .yes, accent: String? = nil, deployment: DeploymentStrategy = DeploymentStrategy(),
        thresholds: HealthThresholds = .defaults, endpoints: [EndpointSpec] = []
    ) {
        self.name = name
        self.region = region
        self.credentials = credentials
        self.executionRoleArn = executionRoleArn
        self.kmsKeyId = kmsKeyId
        self.vpc = vpc
        self.readOnly = readOnly
        self.gate = gate
        self.confirm = confirm
        self.accent = accent
        self.deployment = deployment
        self.thresholds = thresholds
        self.endpoints = endpoints
    }

    /// The promotion route (`direct` unless `promotion:` says otherwise).
    public var route: DeploymentRoute { promotion?.route ?? .direct }

    /// The endpoint spec with this name, if configured here.
    public func endpoint(named name: String) -> EndpointSpec? {
        endpoints.first { $0.name == name }
    }

    /// The account id, when it can be read from a configured ARN (role or execution role); `nil` otherwise.
    public var accountHint: String? {
        for arn in [credentials.roleArn, executionRoleArn].compactMap({ $0 }) {
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count >= 5, parts[4].count == 12 { return String(parts[4]) }
        }
        return nil
    }
}
