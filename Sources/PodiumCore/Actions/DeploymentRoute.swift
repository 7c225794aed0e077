/// How a plan reaches the endpoint. The planner names the route in the plan (`DeploymentPlan.route`) with the
/// calls it will make; `DeploymentExecutor` runs it with the matching `PromotionRoute`, inside the same audit and
/// re-checks for every route.
public enum DeploymentRoute: String, Sendable, Equatable, Codable, CaseIterable {
    /// podium calls SageMaker itself: CreateModel, CreateEndpointConfig, UpdateEndpoint (or CreateEndpoint), then
    /// follows the endpoint to `InService`.
    case direct
}
