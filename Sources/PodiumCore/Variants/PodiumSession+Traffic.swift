import Foundation

/// Variants and traffic (issue 15): read an endpoint's variants, plan a weight shift or a retirement, run it.
extension PodiumSession {
    /// The variants of a configured endpoint, followed to their model packages (DescribeEndpoint, one
    /// DescribeEndpointConfig, one DescribeModel per model not seen before in this session).
    public func variants(environment: String, endpoint: String) async throws -> EndpointVariants {
        let env = try context.environment(environment)
        _ = try context.endpoint(named: endpoint, in: env)
        return try await VariantReader(context: context).variants(environment: environment, endpoint: endpoint)
    }

    /// A plan that sets the weights of the named variants (the others keep theirs).
    public func planTrafficShift(
        environment: String, endpoint: String, weights: [(variant: String, weight: Double)]
    ) async throws -> TrafficPlan {
        let current = try await variants(environment: environment, endpoint: endpoint)
        return TrafficPlanner.shift(
            current, requested: weights, environment: try context.environment(environment),
            readOnly: isReadOnly(environment))
    }

    /// A plan that removes a variant through a new endpoint config of the others.
    public func planRetire(environment: String, endpoint: String, variant: String) async throws -> TrafficPlan {
        let current = try await variants(environment: environment, endpoint: endpoint)
        return TrafficPlanner.retire(
            current, variant: variant, environment: try context.environment(environment),
            readOnly: isReadOnly(environment))
    }
}
