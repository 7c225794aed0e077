/// The health verdict of an endpoint or environment.
public enum HealthLevel: String, Sendable, Equatable, Codable, Comparable, CaseIterable {
    /// No data (no traffic, not deployed, or metrics unavailable).
    case unknown
    /// Within every threshold.
    case ok
    /// At or above a warn threshold.
    case warn
    /// At or above a critical threshold, an alarm firing, or the endpoint failed / rolling back.
    case critical

    private var rank: Int {
        switch self {
        case .ok: return 0
        case .unknown: return 1
        case .warn: return 2
        case .critical: return 3
        }
    }

    /// Orders by severity: ok < unknown < warn < critical.
    public static func < (lhs: HealthLevel, rhs: HealthLevel) -> Bool { lhs.rank < rhs.rank }
}
