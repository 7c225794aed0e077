/// One variant's weight before and after a traffic shift, with the traffic shares they give.
public struct WeightChange: Sendable, Equatable, Codable {
    /// The variant.
    public var variant: String
    /// Production or shadow.
    public var role: EndpointVariant.Role
    /// The weight now.
    public var from: Double
    /// The weight asked for.
    public var to: Double
    /// The share of requests now (production) or the sampling percentage (shadow).
    public var fromPercent: Double
    /// The share after the shift.
    public var toPercent: Double

    /// Creates a weight change.
    public init(
        variant: String, role: EndpointVariant.Role, from: Double, to: Double, fromPercent: Double, toPercent: Double
    ) {
        self.variant = variant
        self.role = role
        self.from = from
        self.to = to
        self.fromPercent = fromPercent
        self.toPercent = toPercent
    }

    /// `champion 90 (90%) → 50 (50%)`, or `shadow sample 20% → 50%`.
    public var line: String {
        let weights = "\(VariantWeights.format(from)) → \(VariantWeights.format(to))"
        switch role {
        case .production:
            return "\(variant) \(weights) (\(Self.percent(fromPercent)) → \(Self.percent(toPercent)) of requests)"
        case .shadow:
            return "\(variant) (shadow) \(weights) (samples \(Self.percent(fromPercent)) → \(Self.percent(toPercent)))"
        }
    }

    /// `50%`, `33.3%`.
    public static func percent(_ value: Double) -> String { "\(VariantWeights.format(value))%" }
}
