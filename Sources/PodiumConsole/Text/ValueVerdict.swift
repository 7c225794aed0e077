import Foundation
import PodiumCore
import TerminalUI

/// How one shown value compares with its environment's thresholds, and how that is drawn: a value over its
/// warn threshold in `health.warn`, over its critical threshold in `health.critical`. Without colour (the
/// `mono` theme, `NO_COLOR`) the roles fall back to bold and bold-reverse, and the value also gets a marker
/// (`!` warn, `!!` critical), so the verdict never rests on colour alone.
enum ValueVerdict {
    /// The value's own level: ok below the warn threshold, or with no value or no threshold.
    static func level(_ value: Double?, _ pair: ThresholdPair?) -> HealthLevel {
        guard let value, let pair else { return .ok }
        if value >= pair.critical { return .critical }
        if value >= pair.warn { return .warn }
        return .ok
    }

    /// The role of a value at a level (`normal` when it is fine).
    static func role(_ level: HealthLevel, normal: ThemeRole = .text) -> ThemeRole {
        switch level {
        case .warn: return .healthWarn
        case .critical: return .healthCritical
        case .ok, .unknown: return normal
        }
    }

    /// The non-colour cue after a value: `!` (warn) or `!!` (critical) on a theme without colour, else empty.
    static func marker(_ level: HealthLevel, theme: Theme) -> String {
        guard !theme.paintsColour else { return "" }
        switch level {
        case .warn: return "!"
        case .critical: return "!!"
        case .ok, .unknown: return ""
        }
    }
}

/// The endpoints in trouble across every environment, worst first: what the tab strip counts on every screen,
/// what the watch band's CRITICAL tile shows, and what keeps the watch rotation on the dashboard.
struct TroubleSummary: Equatable {
    /// Endpoints whose health is critical (`env/endpoint`).
    var critical: [String] = []
    /// Endpoints whose health is warn.
    var warning: [String] = []

    /// Counts the latest health of every environment (the last good data when a refresh failed).
    init(_ state: ConsoleState) {
        for env in state.config.environments {
            for record in state.health[env.name]?.value?.endpoints ?? [] {
                switch record.level {
                case .critical: critical.append(record.endpointName)
                case .warn: warning.append(record.endpointName)
                default: break
                }
            }
        }
    }

    /// Whether any environment's health has been loaded (otherwise the counts mean nothing yet).
    static func isKnown(_ state: ConsoleState) -> Bool {
        state.health.values.contains { $0.value != nil }
    }
}
