/// A deterministic dashboard-like screen built only from the widgets, for the benchmark, layout
/// snapshots and demos: title bar, one panel per environment (side by side when wide, stacked when
/// narrow) with an endpoint table, per-endpoint sparklines and gauges, a status bar and a help bar.
public enum SampleDashboard {
    /// Environment names and accent colours.
    static let environments: [(name: String, accent: String)] = [
        ("dev", "green"), ("preprod", "yellow"), ("prod", "red"),
    ]

    /// Draws the screen into a new buffer. `clock` is drawn in the title bar; `seed` varies the data.
    public static func frame(width: Int, height: Int, clock: String, theme: Theme, seed: Int = 0) -> FrameBuffer {
        var buffer = FrameBuffer(width: width, height: height, style: theme.style(.text))
        draw(into: &buffer, clock: clock, theme: theme, seed: seed)
        return buffer
    }

    /// Draws the screen into an existing buffer (every cell is overwritten).
    public static func draw(into buffer: inout FrameBuffer, clock: String, theme: Theme, seed: Int = 0) {
        let area = buffer.bounds
        let too = TooSmallView(requiredWidth: 40, requiredHeight: 10)
        if too.isTooSmall(area) {
            too.render(into: &buffer, area: area, theme: theme)
            return
        }
        buffer.fill(area, style: theme.style(.text))
        let parts = Layout.rows(area, [.fixed(1), .flex(1), .fixed(1), .fixed(1)])
        TitleBar(
            title: "podium", breadcrumbs: ["Environments"], environment: nil, trailing: clock
        ).render(into: &buffer, area: parts[0], theme: theme)
        let wide = area.width >= 120
        let panels =
            wide
            ? Layout.columns(parts[1], Array(repeating: .flex(1), count: environments.count))
            : Layout.rows(parts[1], Array(repeating: .flex(1), count: environments.count))
        for (i, env) in environments.enumerated() {
            drawEnvironment(
                name: env.name, accent: env.accent, index: i, focused: i == 0, seed: seed, into: &buffer,
                area: panels[i], theme: theme)
        }
        StatusBar(
            left: [StatusSegment("ops/alice"), StatusSegment("registry 4s"), StatusSegment("metrics 12s")],
            right: [.badge("READ-ONLY", role: .badgeReadOnly)]
        ).render(into: &buffer, area: parts[2], theme: theme)
        var keys = KeyMap.navigation
        keys.append([
            KeyBinding(action: "app.quit", keys: [.char("q")], description: "quit"),
            KeyBinding(action: "app.help", keys: [.char("?")], description: "help"),
            KeyBinding(action: "list.filter", keys: [.char("/")], description: "filter"),
            KeyBinding(action: "app.command", keys: [.char(":")], description: "command"),
            KeyBinding(action: "app.refresh", keys: [.char("r")], description: "refresh"),
        ])
        HelpBar(keyMap: keys, scope: "dashboard").render(into: &buffer, area: parts[3], theme: theme)
    }

    static func drawEnvironment(
        name: String, accent: String, index: Int, focused: Bool, seed: Int, into buffer: inout FrameBuffer, area: Rect,
        theme: Theme
    ) {
        Panel(title: "\(name)  11112222333\(index)  us-east-1", trailing: "fresh", focused: focused).render(
            into: &buffer, area: area, theme: theme)
        let inner = Panel.inner(area)
        guard !inner.isEmpty else { return }
        let endpointCount = 8
        let columns = [
            TableColumn("Endpoint", minWidth: 10, flex: 2), TableColumn("Ver", minWidth: 3, maxWidth: 4),
            TableColumn("Status", minWidth: 6, maxWidth: 9), TableColumn("Health", minWidth: 4, maxWidth: 8),
            TableColumn("Inv/min", minWidth: 7, maxWidth: 24, flex: 1),
            TableColumn("p99", minWidth: 5, maxWidth: 6, alignment: .right),
        ]
        let rows = (0..<endpointCount).map { e -> TableRow in
            let critical = (e + index + seed) % 7 == 0
            let values = (0..<30).map { t -> Double? in Double((t * (e + 3) + seed * 7 + index * 5) % 17) }
            return TableRow([
                TableCell("model-\(name)-\(e)"), TableCell("v\(10 + e)"),
                TableCell(e == 2 ? "Updating" : "InService", role: e == 2 ? .statusRunning : nil),
                TableCell(critical ? "CRIT" : "ok", role: critical ? .healthCritical : .healthOK),
                .sparkline(values), TableCell("\(40 + (e * 13 + seed) % 60)ms", role: .textDim),
            ])
        }
        let tableHeight = min(inner.height, endpointCount + 1)
        let tableArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: tableHeight)
        let table = Table(columns: columns, rows: rows, selectedRow: focused ? 1 : nil, focused: focused, sortColumn: 0)
        table.render(into: &buffer, area: tableArea, theme: theme)
        // Gauges below the table when there is room.
        var y = tableArea.maxY + 1
        for (label, fraction) in [("CPU", 0.35 + Double(index) * 0.25), ("Mem", 0.62)] where y < inner.maxY {
            let row = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            let x = buffer.write(label + " ", x: row.x, y: y, style: theme.style(.textDim), clip: row)
            Gauge(fraction: fraction).render(
                into: &buffer, area: Rect(x: x, y: y, width: row.maxX - x, height: 1), theme: theme)
            y += 1
        }
    }
}
