import Foundation

/// The variants of one running endpoint: production variants sharing traffic by weight, and shadow variants.
public struct EndpointVariants: Sendable, Equatable, Codable {
    /// The environment.
    public var environment: String
    /// The endpoint name.
    public var endpoint: String
    /// The endpoint's status.
    public var status: EndpointStatus?
    /// The endpoint config in service.
    public var endpointConfigName: String?
    /// Every variant, production first, in SageMaker's order.
    public var variants: [EndpointVariant]

    /// Creates the variants of an endpoint.
    public init(
        environment: String, endpoint: String, status: EndpointStatus? = nil, endpointConfigName: String? = nil,
        variants: [EndpointVariant] = []
    ) {
        self.environment = environment
        self.endpoint = endpoint
        self.status = status
        self.endpointConfigName = endpointConfigName
        self.variants = variants
    }

    /// The production variants.
    public var production: [EndpointVariant] { variants.filter { $0.role == .production } }
    /// The shadow variants.
    public var shadow: [EndpointVariant] { variants.filter { $0.role == .shadow } }

    /// A variant by name.
    public func variant(named name: String) -> EndpointVariant? { variants.first { $0.name == name } }

    /// A production variant's share of requests in percent from current (or desired) weights. A missing weight
    /// counts as SageMaker's default 1.0, so a lone variant without one still has 100 %.
    public func trafficPercent(of name: String, desired: Bool = false) -> Double? {
        let production = self.production
        guard let index = production.firstIndex(where: { $0.name == name }) else { return nil }
        let weights = production.map { (desired ? $0.desiredWeight : $0.currentWeight) ?? 1 }
        return VariantWeights.percentages(weights)[index]
    }

    /// A shadow variant's sampling percentage: its weight over the production variant's, at most 100.
    public func samplingPercent(of name: String) -> Double? {
        guard let shadow = shadow.first(where: { $0.name == name }) else { return nil }
        let base = production.first?.currentWeight ?? 1
        guard base > 0 else { return 0 }
        return min(100, ((shadow.currentWeight ?? 1) / base * 1000).rounded() / 10)
    }

    /// The production variant with the most weight (the first among equals): whose version the endpoint "runs".
    public var heaviest: EndpointVariant? {
        production.enumerated().max {
            (($0.element.currentWeight ?? 1), -$0.offset) < (($1.element.currentWeight ?? 1), -$1.offset)
        }?.element
    }

    /// Whether every weight and count is where it is going and the endpoint is InService.
    public var isSettled: Bool {
        status == .inService
            && variants.allSatisfy {
                ($0.desiredWeight == nil || $0.currentWeight == $0.desiredWeight)
                    && ($0.desiredInstanceCount == nil || $0.currentInstanceCount == nil
                        || $0.currentInstanceCount == $0.desiredInstanceCount)
            }
    }
}
