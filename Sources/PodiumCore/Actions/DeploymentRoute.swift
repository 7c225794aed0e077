/// How a plan reaches the endpoint. The planner names the route in the plan (`DeploymentPlan.route`) with the
/// calls it will make; `DeploymentExecutor` runs it with the matching `PromotionRoute`, inside the same audit and
/// re-checks for every route.
public enum DeploymentRoute: String, Sendable, Equatable, Codable, CaseIterable {
    /// podium calls SageMaker itself: CreateModel, CreateEndpointConfig, UpdateEndpoint (or CreateEndpoint), then
    /// follows the endpoint to `InService`.
    case direct
    /// podium updates the CloudFormation stack that owns the endpoint (UpdateStack with the new package ARN in a
    /// parameter), follows the stack's events, then the endpoint.
    case stack
    /// podium starts the environment's pipeline (SSM pin, GitHub workflow dispatch, or the approval itself) and
    /// follows it, the stack's events and the endpoint; it changes neither the endpoint nor the stack.
    case pipeline
}
