/// One production variant an endpoint's config lists (`variants:` in the config): a champion, a challenger, or the
/// single variant of a serverless endpoint.
public struct VariantSpec: Sendable, Equatable, Codable {
    /// The SageMaker variant name, e.g. `champion`.
    public var name: String
    /// The variant's weight; its share of traffic is the weight over the sum of the endpoint's weights.
    public var weight: Double
    /// Instances or serverless memory and concurrency.
    public var capacity: VariantCapacity

    /// Creates a variant spec.
    public init(name: String, weight: Double = 1, capacity: VariantCapacity) {
        self.name = name
        self.weight = weight
        self.capacity = capacity
    }

    /// `champion 90 ml.m5.large × 2` or `AllTraffic 1 serverless 2048 MB × 5`.
    public var summary: String {
        "\(name) \(VariantWeights.format(weight)) \(capacity.summary)"
    }
}
