/// What serves a variant: instances of one type, or serverless memory and concurrency.
public enum VariantCapacity: Sendable, Equatable, Codable {
    /// `count` instances of `type` (e.g. `ml.m5.large`).
    case instances(type: String, count: Int)
    /// A serverless variant.
    case serverless(ServerlessSettings)

    /// Whether this is a serverless variant (no instances, no CPU metric).
    public var isServerless: Bool {
        if case .serverless = self { return true }
        return false
    }

    /// `ml.m5.large × 2` or `serverless 2048 MB × 5`.
    public var summary: String {
        switch self {
        case .instances(let type, let count): return "\(type) × \(count)"
        case .serverless(let settings): return settings.summary
        }
    }
}
