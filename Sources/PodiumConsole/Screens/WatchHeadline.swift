import Foundation
import PodiumCore
import TerminalUI

/// The big-number band of the watch mode on large terminals: pending count, critical endpoints, worst 5xx
/// and 4xx rates (coloured by their own verdict), clock.
struct WatchHeadline {
    let state: ConsoleState

    /// Rows the band takes.
    static let height = BigDigits.height + 2

    /// Whether the band fits above the page (large terminals only).
    static func fits(_ body: Rect) -> Bool { body.width >= 110 && body.height >= 34 }

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        // Widths by weight: the clock needs 27 columns of digits, a rate up to 17, a count 7.
        let columns = Layout.columns(area, [.flex(2), .flex(3), .flex(3), .flex(3), .flex(4)])
        let pending = state.pending.value.map { "\($0.count)" } ?? "-"
        let registryStale = isStale(state.groups, state.registryInterval)
        // A tile's border speaks only when its number is old (a fresh time would only crowd the title).
        let pendingStatus =
            registryStale
            ? ("STALE", ThemeRole.badgeStale) : nil
        box(
            "PENDING", pending, trailing: pendingStatus,
            role: (state.pending.value?.isEmpty ?? true) ? .bigDigits : .statusPending, stale: registryStale,
            into: &buffer, area: columns[0], theme: theme)
        let healthStale = healthStaleSince
        let staleMark = healthStale.map { ("STALE \(ConsoleFormat.clock($0))", ThemeRole.badgeStale) }
        let trouble = TroubleSummary(state)
        let known = TroubleSummary.isKnown(state)
        box(
            trouble.critical.isEmpty ? "CRITICAL" : "CRITICAL · \(trouble.critical.joined(separator: ", "))",
            known ? "\(trouble.critical.count)" : "-", trailing: staleMark,
            role: !known ? .healthUnknown : trouble.critical.isEmpty ? .healthOK : .healthCritical,
            stale: healthStale != nil, into: &buffer, area: columns[1], theme: theme)
        let worst5xx = worst(\.error5xxPercent, \.error5xxPercent)
        box(
            "5XX WORST · \(worst5xx.endpoint)",
            ConsoleFormat.percent(worst5xx.value).replacingOccurrences(of: "–", with: "-"), trailing: staleMark,
            role: role(worst5xx), stale: healthStale != nil, into: &buffer, area: columns[2], theme: theme)
        let worst4xx = worst(\.error4xxPercent, \.error4xxPercent)
        box(
            "4XX WORST · \(worst4xx.endpoint)",
            ConsoleFormat.percent(worst4xx.value).replacingOccurrences(of: "–", with: "-"), trailing: staleMark,
            role: role(worst4xx), stale: healthStale != nil, into: &buffer, area: columns[3], theme: theme)
        box(
            "CLOCK", ConsoleFormat.clock(state.now), trailing: nil, role: .bigDigits, stale: false, into: &buffer,
            area: columns[4], theme: theme)
    }

    /// Whether a source's numbers are old: its latest refresh failed, or its data is past 3× the interval.
    func isStale<T>(_ loadable: Loadable<T>, _ interval: Duration) -> Bool {
        loadable.isFailing || loadable.status(now: state.now, interval: interval).staleSince != nil
    }

    /// The time of the oldest health data when any environment's numbers are stale or failing, else nil.
    var healthStaleSince: Date? {
        let stale = state.config.environments.compactMap { env -> Date? in
            guard let loadable = state.health[env.name], isStale(loadable, state.healthInterval) else { return nil }
            return loadable.lastSuccess ?? state.startedAt
        }
        return stale.min()
    }

    /// One tile. Stale numbers lose their verdict colour (drawn as `health.unknown`) and the tile's border
    /// says `STALE`: an old number must not look like a live one.
    func box(
        _ title: String, _ value: String, trailing: (text: String, role: ThemeRole)?, role: ThemeRole, stale: Bool,
        into buffer: inout FrameBuffer, area: Rect, theme: Theme
    ) {
        let role = stale ? ThemeRole.healthUnknown : role
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

    /// The worst value of a recent metric over every endpoint, with the endpoint's name and the value's own
    /// verdict against its environment's thresholds.
    func worst(_ metric: KeyPath<RecentMetrics, Double?>, _ threshold: KeyPath<HealthThresholds, ThresholdPair?>)
        -> (value: Double?, endpoint: String, level: HealthLevel)
    {
        var best: (Double, String, HealthLevel)?
        for env in state.config.environments {
            for record in state.health[env.name]?.value?.endpoints ?? [] {
                guard let value = record.metrics.recent[keyPath: metric] else { continue }
                let level = ValueVerdict.level(value, env.thresholds[keyPath: threshold])
                if best == nil || level > best!.2 || (level == best!.2 && value > best!.0) {
                    best = (value, record.endpointName, level)
                }
            }
        }
        return (best?.0, best?.1 ?? "no data", best?.2 ?? .unknown)
    }

    func role(_ worst: (value: Double?, endpoint: String, level: HealthLevel)) -> ThemeRole {
        guard worst.value != nil else { return .healthUnknown }
        return ValueVerdict.role(worst.level, normal: .bigDigits)
    }
}
