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

/// Challenger and shadow promotions (issue 15).
extension PodiumSession {
    /// A plan that adds `name` running `group` v`version` to an endpoint of `environment` that serves the group:
    /// a challenger with a weight, or a shadow variant sampling a percentage of requests.
    public func planVariantPromotion(
        group: String, version: Int, to environment: String, endpoint: String? = nil, name: String,
        addition: VariantPromotionPlanner.Addition
    ) async throws -> TrafficPlan {
        let env = try context.environment(environment)
        let spec: EndpointSpec
        if let endpoint {
            spec = try context.endpoint(named: endpoint, in: env)
        } else {
            let serving = env.endpoints.filter { $0.modelPackageGroup == group }
            guard serving.count == 1, let only = serving.first else {
                throw PodiumError(
                    .usage,
                    serving.isEmpty
                        ? "no endpoint of \(environment) serves \(group)"
                        : "\(serving.count) endpoints of \(environment) serve \(group): name one with --endpoint",
                    hint:
                        "configured: \(env.endpoints.map { "\($0.name) (\($0.modelPackageGroup))" }.joined(separator: ", "))"
                )
            }
            spec = only
        }
        let package = try await self.version(group: group, version: version)
        let current = try await variants(environment: environment, endpoint: spec.name)
        var gate: GateStatus?
        if env.gate != nil {
            switch addition {
            case .challenger:
                gate = try await gateStatus(group: group, version: version, environment: environment)
            case .shadow:
                // Only a warning for a shadow: a gate that cannot be read (its environment's session expired) is one
                // too, rather than stopping the plan.
                do {
                    gate = try await gateStatus(group: group, version: version, environment: environment)
                } catch {
                    gate = GateStatus(isMet: false, reasons: ["could not be checked: \(PodiumError.describe(error))"])
                }
            }
        }
        return VariantPromotionPlanner.add(
            current, version: package, name: name, addition: addition, spec: spec, environment: env,
            readOnly: isReadOnly(environment), gate: gate)
    }

    /// A plan that makes an endpoint's shadow variant its production variant (one confirmed step).
    public func planPromoteShadow(environment: String, endpoint: String) async throws -> TrafficPlan {
        let current = try await variants(environment: environment, endpoint: endpoint)
        return VariantPromotionPlanner.promoteShadow(
            current, environment: try context.environment(environment), readOnly: isReadOnly(environment))
    }
}

/// Per-variant metrics for one endpoint (issue 15: a shadow variant's metrics beside the production variant's).
extension PodiumSession {
    /// The recent metrics of each variant by name: one GetMetricData call with the `VariantName` queries of this
    /// endpoint only, over the config's metrics window.
    public func variantMetrics(_ variants: EndpointVariants) async throws -> [String: EndpointMetrics] {
        let env = try context.environment(variants.environment)
        let spec = try context.endpoint(named: variants.endpoint, in: env)
        var deployment = EndpointDeployment(environment: variants.environment, spec: spec, exists: true)
        deployment.variants = variants.variants
        let end = context.now()
        let (start, endTime) = MetricQueryPlan.window(
            endingAt: end, span: DurationFormat.seconds(context.config.metricsWindow))
        let results = try await context.client(for: variants.environment).cloudWatch.getMetricDataInBatches(
            queries: MetricQueryPlan.variantQueries(for: [deployment]), startTime: start, endTime: endTime,
            scanBy: "TimestampAscending")
        return MetricQueryPlan.variantMetrics(
            from: results, deployments: [deployment], now: end, evaluationPeriod: HealthEvaluator.evaluationPeriod
        ).first ?? [:]
    }
}
