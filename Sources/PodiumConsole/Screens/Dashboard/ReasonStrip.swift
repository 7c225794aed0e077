import Foundation
import PodiumCore
import TerminalUI

/// Every reason of the selected endpoint's health, wrapped under the dashboard panels
/// (`churn-prod CRIT: alarm churn-prod-5xx ALARM · 5xx 2.5% >= 1% · p99 565ms >= 300ms`): the endpoint
/// blocks show what fits and `+N`, this shows the whole list. Shown only for a WARN or CRIT endpoint.
struct ReasonStrip {
    /// The wrapped lines (at most three; the last ends in `…` if the list is longer still).
    let lines: [String]
    /// The endpoint's level.
    let level: HealthLevel

    /// The strip of a dashboard row, or nil when the endpoint is fine (or not loaded).
    init?(row: DashboardRow, width: Int) {
        guard let health = row.health, health.level == .warn || health.level == .critical, width > 10 else {
            return nil
        }
        let reasons = EndpointBlock.shownReasons(health)
        guard !reasons.isEmpty else { return nil }
        // Lines break between reasons, never inside one (a reason cut in two reads as two); a reason wider
        // than the strip is shortened with an ellipsis.
        let limit = width - 2
        var wrapped: [String] = []
        var current = "\(row.spec.name) \(EndpointBlock.badge(health.level)):"
        for (index, reason) in reasons.enumerated() {
            let piece = (index == 0 ? " " : " · ") + reason
            if TextLayout.width(current + piece) <= limit {
                current += piece
            } else {
                wrapped.append(current + (index == 0 ? "" : " ·"))
                current = "  " + TextLayout.truncate(reason, width: limit - 2)
            }
        }
        wrapped.append(current)
        if wrapped.count > 3 {
            let rest = wrapped.count - 3
            wrapped = Array(wrapped.prefix(3))
            wrapped[2] = TextLayout.truncate(wrapped[2] + " (+\(rest) lines)", width: limit)
        }
        self.lines = wrapped
        self.level = health.level
    }

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let role = EndpointBlock.healthRole(level)
        for (index, line) in lines.enumerated() where index < area.height {
            buffer.set(Line(line, role), in: area, row: index, indent: 1, theme: theme)
        }
    }
}
