import Foundation
import PodiumCore
import TerminalUI

/// The big-number band of the watch mode on large terminals: pending count, worst 5xx and 4xx rates, clock.
struct WatchHeadline {
    let state: ConsoleState

    /// Rows the band takes.
    static let height = BigDigits.height + 2

    /// Whether the band fits above the page (large terminals only).
    static func fits(_ body: Rect) -> Bool { body.width >= 110 && body.height >= 34 }

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let columns = Layout.columns(area, [.flex(1), .flex(1), .flex(1), .flex(1)])
        let pending = state.pending.value.map { "\($0.count)" } ?? "-"
        let pendingStale = PanelStatusText.make(
            state.pending.status(now: state.now, interval: state.registryInterval), now: state.now)
        box(
            "PENDING APPROVAL", pending, trailing: pendingStale,
            role: (state.pending.value?.isEmpty ?? true) ? .bigDigits : .statusPending, into: &buffer, area: columns[0],
            theme: theme)
        let worst5xx = worst(\.error5xxPercent)
        box(
            "5XX WORST · \(worst5xx.endpoint)",
            ConsoleFormat.percent(worst5xx.value).replacingOccurrences(of: "–", with: "-"), trailing: nil,
            role: role(worst5xx), into: &buffer, area: columns[1], theme: theme)
        let worst4xx = worst(\.error4xxPercent)
        box(
            "4XX WORST · \(worst4xx.endpoint)",
            ConsoleFormat.percent(worst4xx.value).replacingOccurrences(of: "–", with: "-"), trailing: nil,
            role: role(worst4xx), into: &buffer, area: columns[2], theme: theme)
        box(
            "CLOCK", ConsoleFormat.clock(state.now), trailing: nil, role: .bigDigits, into: &buffer, area: columns[3],
            theme: theme)
    }

    func box(
        _ title: String, _ value: String, trailing: (text: String, role: ThemeRole)?, role: ThemeRole,
        into buffer: inout FrameBuffer, area: Rect, theme: Theme
    ) {
        Panel(title: title, trailing: trailing?.text ?? "", trailingRole: trailing?.role ?? .textDim).render(
            into: &buffer, area: area, theme: theme)
        let inner = Panel.inner(area)
        let digits = BigDigits(value, role: role)
        let width = min(inner.width, digits.width)
        digits.render(
            into: &buffer,
            area: Rect(x: inner.x + (inner.width - width) / 2, y: inner.y, width: width, height: inner.height),
            theme: theme)
    }

    /// The worst value of a recent metric over every endpoint, with the endpoint's name.
    func worst(_ metric: KeyPath<RecentMetrics, Double?>) -> (value: Double?, endpoint: String, level: HealthLevel) {
        var best: (Double, String, HealthLevel)?
        for env in state.config.environments {
            for record in state.health[env.name]?.value?.endpoints ?? [] {
                guard let value = record.metrics.recent[keyPath: metric] else { continue }
                if best == nil || value > best!.0 { best = (value, record.endpointName, record.level) }
            }
        }
        return (best?.0, best?.1 ?? "no data", best?.2 ?? .unknown)
    }

    func role(_ worst: (value: Double?, endpoint: String, level: HealthLevel)) -> ThemeRole {
        guard let value = worst.value else { return .healthUnknown }
        if value >= 5 { return .healthCritical }
        if value >= 1 { return .healthWarn }
        return .bigDigits
    }
}
