import PodiumCore

/// What a promotion from the picker does to the chosen endpoint: replace what runs (the default), or add the
/// version beside it as a challenger variant with a weight, or as a shadow variant sampling requests
/// (`podium promote … --as-variant` / `--as-shadow`).
public enum VariantPromotionMode: Sendable, Equatable, CaseIterable {
    /// Replace what runs (a deployment plan).
    case replace
    /// Add as a production variant with a weight (a traffic plan).
    case challenger
    /// Add as a shadow variant sampling a percentage of requests (a traffic plan).
    case shadow

    /// The next mode of the `v` cycle.
    public var next: VariantPromotionMode {
        switch self {
        case .replace: return .challenger
        case .challenger: return .shadow
        case .shadow: return .replace
        }
    }

    /// How the picker names the mode.
    public var label: String {
        switch self {
        case .replace: return "replace what runs"
        case .challenger: return "add as challenger"
        case .shadow: return "add as shadow"
        }
    }

    /// The variant name offered first (the operator may change it).
    public var defaultName: String {
        switch self {
        case .replace: return ""
        case .challenger: return "challenger"
        case .shadow: return "shadow"
        }
    }
}
