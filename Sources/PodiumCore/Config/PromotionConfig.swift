/// How promotions reach an environment's endpoints (`promotion:` in the config): podium's own SageMaker calls
/// (`direct`, the default), an update of the CloudFormation stack that owns each endpoint (`stack`), or a pipeline
/// that podium starts and follows (`pipeline`).
public struct PromotionConfig: Sendable, Equatable, Codable {
    /// The route.
    public var route: DeploymentRoute
    /// The owning stack (required by `stack`; with `pipeline`, the stack whose events podium follows).
    public var stack: StackTarget?
    /// How the pipeline is started (required by `pipeline`).
    public var pipeline: PipelineSettings?

    /// Creates a promotion config.
    public init(route: DeploymentRoute = .direct, stack: StackTarget? = nil, pipeline: PipelineSettings? = nil) {
        self.route = route
        self.stack = stack
        self.pipeline = pipeline
    }
}
