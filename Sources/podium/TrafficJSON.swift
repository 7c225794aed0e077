import PodiumCore

/// `podium traffic --json`: the endpoint and its variants (docs/cli.md).
struct TrafficJSON: Encodable {
    let environment: String
    let endpoint: String
    let status: String?
    let endpointConfig: String?
    let variants: [VariantJSON]

    init(_ variants: EndpointVariants, metrics: [String: EndpointMetrics]? = nil) {
        environment = variants.environment
        endpoint = variants.endpoint
        status = variants.status?.rawValue
        endpointConfig = variants.endpointConfigName
        self.variants = variants.variants.map { VariantJSON($0, in: variants, metrics: metrics?[$0.name]) }
    }

    enum CodingKeys: String, CodingKey {
        case environment, endpoint, status, variants
        case endpointConfig = "endpoint_config"
    }

    /// Encodes every key, `null` when unknown.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(environment, forKey: .environment)
        try c.encode(endpoint, forKey: .endpoint)
        try c.encode(status, forKey: .status)
        try c.encode(endpointConfig, forKey: .endpointConfig)
        try c.encode(variants, forKey: .variants)
    }
}
