/// Weights and traffic shares of an endpoint's variants (pure helpers shared by config, discovery and traffic).
public enum VariantWeights {
    /// Each weight's share of the total in percent, rounded; all zero when the total is zero.
    public static func percentages(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        guard total > 0 else { return weights.map { _ in 0 } }
        return weights.map { ($0 / total * 1000).rounded() / 10 }
    }

    /// A weight without a trailing `.0`: `90`, `0.5`.
    public static func format(_ weight: Double) -> String {
        weight == weight.rounded() && abs(weight) < 1e15 ? String(Int(weight)) : String(weight)
    }
}
