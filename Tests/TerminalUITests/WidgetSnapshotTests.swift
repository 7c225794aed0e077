import Testing

@testable import TerminalUI

/// Snapshot tests: each widget drawn into a buffer and compared as text (and roles where meaningful).
@Suite struct WidgetSnapshotTests {
    static let columns = [
        TableColumn("Endpoint", minWidth: 8, flex: 1),
        TableColumn("Version", minWidth: 3, maxWidth: 7, alignment: .right),
        TableColumn("Status", minWidth: 6, maxWidth: 10),
        TableColumn("Health", minWidth: 4, maxWidth: 8),
    ]
    static let rows = (1...12).map { i in
        TableRow([
            TableCell("fraud-detector-\(i)"), TableCell("v\(i)"),
            TableCell(i == 3 ? "Updating" : "InService", role: i == 3 ? .statusRunning : nil),
            TableCell(i == 5 ? "CRITICAL" : "ok", role: i == 5 ? .healthCritical : .healthOK),
        ])
    }

    func draw(width: Int, height: Int, theme: Theme = SnapshotTheme.unicode, _ widget: some Widget) -> FrameBuffer {
        var buffer = FrameBuffer(width: width, height: height)
        widget.render(into: &buffer, area: buffer.bounds, theme: theme)
        return buffer
    }

    @Test func tableWithSortSelectionAndScrolling() {
        let table = Table(
            columns: Self.columns, rows: Self.rows, selectedRow: 9, scrollOffset: 0, sortColumn: 0, sortAscending: true)
        assertSnapshot(draw(width: 44, height: 6, table), named: "table-scrolled")
        assertSnapshot(
            draw(width: 44, height: 6, theme: SnapshotTheme.probe, table), named: "table-scrolled-roles", roles: true)
    }

    @Test func tableTruncatesAndHighlightsMatches() {
        let table = Table(
            columns: Self.columns, rows: Array(Self.rows.prefix(4)), selectedRow: 1, focused: false, sortColumn: 2,
            sortAscending: false, highlight: "FRAUD")
        assertSnapshot(draw(width: 30, height: 5, table), named: "table-narrow-highlight")
        assertSnapshot(
            draw(width: 30, height: 5, theme: SnapshotTheme.probe, table), named: "table-narrow-highlight-roles",
            roles: true)
    }

    @Test func tableASCIIAndEmpty() {
        let table = Table(columns: Self.columns, rows: Array(Self.rows.prefix(2)), sortColumn: 1)
        assertSnapshot(draw(width: 30, height: 3, theme: SnapshotTheme.ascii, table), named: "table-ascii")
        assertSnapshot(draw(width: 30, height: 3, Table(columns: Self.columns, rows: [])), named: "table-empty")
    }

    @Test func sparklinesAndGauges() {
        var buffer = FrameBuffer(width: 30, height: 6)
        let values: [Double?] = [0, 1, 2, 3, 4, 5, 6, 7, nil, 7, 3, 0]
        Sparkline(values: values).render(into: &buffer, area: buffer.bounds.row(0), theme: SnapshotTheme.unicode)
        Sparkline(values: values).render(into: &buffer, area: buffer.bounds.row(1), theme: SnapshotTheme.ascii)
        Gauge(fraction: 0.5).render(into: &buffer, area: buffer.bounds.row(2), theme: SnapshotTheme.unicode)
        Gauge(fraction: 0.93, label: "CPU 93%").render(
            into: &buffer, area: buffer.bounds.row(3), theme: SnapshotTheme.unicode)
        Gauge(fraction: 0.33).render(into: &buffer, area: buffer.bounds.row(4), theme: SnapshotTheme.ascii)
        Gauge(fraction: 0.75).render(into: &buffer, area: buffer.bounds.row(5), theme: SnapshotTheme.probe)
        assertSnapshot(buffer, named: "sparkline-gauge")
    }

    @Test func titleBarWithBreadcrumbsAndEnvironment() {
        let bar = TitleBar(
            title: "podium", breadcrumbs: ["Registry", "fraud-detector", "v12"], environment: "PROD",
            accentColor: "red", trailing: "12:04:05")
        assertSnapshot(draw(width: 70, height: 1, bar), named: "titlebar")
        assertSnapshot(draw(width: 70, height: 1, theme: SnapshotTheme.ascii, bar), named: "titlebar-ascii")
        assertSnapshot(draw(width: 30, height: 1, bar), named: "titlebar-narrow")
    }

    @Test func statusBarWithBadges() {
        let bar = StatusBar(
            left: [
                StatusSegment("arn:aws:sts::1234:assumed-role/ops/alice"), StatusSegment("registry 4s"),
                StatusSegment("error: ThrottlingException", role: .statusBarError),
            ],
            right: [.badge("READ-ONLY", role: .badgeReadOnly), .badge("STALE", role: .badgeStale)])
        assertSnapshot(draw(width: 80, height: 1, bar), named: "statusbar")
        assertSnapshot(
            draw(width: 80, height: 1, theme: SnapshotTheme.probe, bar), named: "statusbar-roles", roles: true)
        assertSnapshot(draw(width: 40, height: 1, bar), named: "statusbar-narrow")
    }

    @Test func helpBarAndHelpScreenFromTheSameKeyMap() {
        var map = KeyMap.navigation
        map.append([
            KeyBinding(action: "app.quit", keys: [.char("q")], description: "quit"),
            KeyBinding(action: "app.help", keys: [.char("?")], description: "help"),
            KeyBinding(action: "list.filter", keys: [.char("/")], description: "filter"),
            KeyBinding(
                action: "pending.approve", keys: [.char("a")], description: "approve", scope: "pending",
                destructive: true),
            KeyBinding(
                action: "pending.reject", keys: [.char("r")], description: "reject", scope: "pending",
                destructive: true, disabledReason: "read-only"),
            KeyBinding(action: "app.refresh", keys: [.ctrl("r"), .f(5)], description: "refresh"),
        ])
        assertSnapshot(draw(width: 60, height: 1, HelpBar(keyMap: map, scope: "pending")), named: "helpbar")
        assertSnapshot(draw(width: 24, height: 1, HelpBar(keyMap: map, scope: "pending")), named: "helpbar-narrow")
        assertSnapshot(draw(width: 50, height: 20, HelpScreen(keyMap: map)), named: "helpscreen")
        assertSnapshot(
            draw(width: 50, height: 8, theme: SnapshotTheme.ascii, HelpScreen(keyMap: map, scopes: ["pending"])),
            named: "helpscreen-ascii")
    }

    @Test func confirmationModals() {
        var yesNo = ConfirmationModal(
            title: "Approve package", message: "Approve fraud-detector v12 for deployment?", mode: .yesNo)
        assertSnapshot(draw(width: 60, height: 9, yesNo), named: "modal-yesno")
        #expect(yesNo.handle(.key(.char("y"))) == .confirmed)

        var typed = ConfirmationModal(
            title: "Promote to PROD",
            message: "Update endpoint fraud-prod from v11 to v12.\nThis affects live traffic.",
            mode: .typed(expected: "fraud-prod"), destructive: true)
        for c in "fraud-pr" { _ = typed.handle(.key(.char(c))) }
        assertSnapshot(draw(width: 60, height: 12, typed), named: "modal-typed")
        assertSnapshot(draw(width: 60, height: 12, theme: SnapshotTheme.ascii, typed), named: "modal-typed-ascii")
        // The terminal cursor sits after "> fraud-pr" on the input row.
        #expect(typed.cursorPosition(in: Rect(width: 60, height: 12)) == CursorPosition(x: 16, y: 7))
        _ = typed.handle(.key(.enter))
        assertSnapshot(draw(width: 60, height: 12, typed), named: "modal-typed-mismatch")
    }

    @Test func inputLinesWithCompletion() {
        var editor = LineEditor(candidates: ["pending", "groups", "env dev", "env prod", "env preprod", "theme mono"])
        _ = editor.handle(.key(.char("e")))
        let input = InputLine(prompt: ":", editor: editor)
        assertSnapshot(draw(width: 40, height: 2, input), named: "input-completion")
        var long = LineEditor(text: String(repeating: "abcdefghij", count: 5))
        _ = long.handle(.key(.home))
        for _ in 0..<3 { _ = long.handle(.key(.right)) }
        assertSnapshot(draw(width: 20, height: 1, InputLine(prompt: "/", editor: long)), named: "input-scroll-start")
        _ = long.handle(.key(.end))
        assertSnapshot(draw(width: 20, height: 1, InputLine(prompt: "/", editor: long)), named: "input-scroll-end")
        assertSnapshot(
            draw(width: 30, height: 1, InputLine(prompt: "comment: ", editor: LineEditor(), placeholder: "why?")),
            named: "input-placeholder")
    }

    @Test func progressPane() {
        let pane = ProgressPane(
            title: "Promote fraud-detector v12 → prod", status: "Updating",
            steps: [
                ProgressStep("CreateModel", state: .done), ProgressStep("CreateEndpointConfig", state: .done),
                ProgressStep("UpdateEndpoint", state: .running, detail: "Updating, 2 of 3 instances"),
                ProgressStep("Wait for InService"), ProgressStep("Check alarms", state: .skipped),
            ], tick: 3, elapsedSeconds: 135, phase: (3, 5), phaseLabel: "deploying")
        assertSnapshot(draw(width: 56, height: 12, pane), named: "progress")
        assertSnapshot(draw(width: 56, height: 12, theme: SnapshotTheme.ascii, pane), named: "progress-ascii")
        var failed = pane
        failed.steps[2].state = .failed
        failed.steps[2].detail = "rolled back: alarm fired"
        failed.status = "Failed"
        assertSnapshot(
            draw(width: 56, height: 12, theme: SnapshotTheme.probe, failed), named: "progress-failed-roles", roles: true
        )
    }

    @Test func toasts() {
        var queue = ToastQueue()
        queue.post("Approved fraud-detector v12", kind: .success, now: 0, lifetime: 5)
        queue.post("UpdateEndpoint failed: ValidationException", kind: .error, now: 1, lifetime: 5)
        queue.post("Theme mono", kind: .info, now: 2, lifetime: 1)
        assertSnapshot(draw(width: 50, height: 4, ToastView(toasts: queue.visible(at: 2.5))), named: "toasts")
        assertSnapshot(draw(width: 50, height: 4, ToastView(toasts: queue.visible(at: 5.5))), named: "toasts-later")
    }

    @Test func textAndDetailViews() {
        let text = TextView(
            "Model for card fraud.\n\nTrained on 2024 data with\u{1B}[31m hostile \u{1B}]0;title\u{7}escapes and a very long word: abcdefghijklmnopqrstuvwxyz.",
            scrollOffset: 1)
        assertSnapshot(draw(width: 24, height: 5, text), named: "textview")
        let detail = DetailView(items: [
            .section("Inference"), .field("Image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:12"),
            .field("Instance", "ml.m5.xlarge × 2"), .blank, .section("Metrics"),
            .field("AUC", "0.942 (prod 0.935)", role: .healthOK), .text("Approved by alice: looks good."),
        ])
        assertSnapshot(draw(width: 40, height: 10, detail), named: "detailview")
        assertSnapshot(draw(width: 40, height: 5, detail), named: "detailview-scrollbar")
    }

    @Test func bigDigits() {
        var buffer = FrameBuffer(width: 40, height: 11)
        BigDigits("12:05").render(
            into: &buffer, area: Rect(x: 1, y: 0, width: 39, height: 5), theme: SnapshotTheme.unicode)
        BigDigits("3.5%").render(
            into: &buffer, area: Rect(x: 1, y: 6, width: 39, height: 5), theme: SnapshotTheme.ascii)
        assertSnapshot(buffer, named: "bigdigits")
        #expect(BigDigits("12:05").width == 17)
    }

    @Test func panelsBannersAndTooSmall() {
        var buffer = FrameBuffer(width: 40, height: 8)
        Panel(title: "Dev", trailing: "STALE since 12:01:05", trailingRole: .badgeStale).render(
            into: &buffer, area: Rect(x: 0, y: 0, width: 20, height: 4), theme: SnapshotTheme.unicode)
        Panel(title: "Prod (focused)", focused: true).render(
            into: &buffer, area: Rect(x: 20, y: 0, width: 20, height: 4), theme: SnapshotTheme.unicode)
        Panel(title: "ASCII").render(
            into: &buffer, area: Rect(x: 0, y: 4, width: 20, height: 3), theme: SnapshotTheme.ascii)
        Banner("NO CONNECTION").render(
            into: &buffer, area: Rect(x: 0, y: 7, width: 40, height: 1), theme: SnapshotTheme.unicode)
        assertSnapshot(buffer, named: "panels-banner")
        assertSnapshot(
            draw(width: 36, height: 5, TooSmallView(requiredWidth: 60, requiredHeight: 20)), named: "too-small")
        assertSnapshot(
            draw(width: 16, height: 6, theme: SnapshotTheme.ascii, TooSmallView(requiredWidth: 60, requiredHeight: 20)),
            named: "too-small-tiny-ascii")
    }

    @Test func monoDashboardUsesAttributesOnly() {
        let mono = Theme.fallback(colorDepth: .mono, glyphs: .ascii)
        let frame = SampleDashboard.frame(width: 60, height: 20, clock: "12:00:00", theme: mono)
        #expect(frame.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
        assertSnapshot(frame, named: "layout-dashboard-mono", attributes: true)
    }

    @Test func dashboardLayout() {
        let frame = SampleDashboard.frame(width: 100, height: 24, clock: "12:00:00", theme: SnapshotTheme.unicode)
        assertSnapshot(frame, named: "layout-dashboard")
        let narrow = SampleDashboard.frame(width: 60, height: 20, clock: "12:00:00", theme: SnapshotTheme.ascii)
        assertSnapshot(narrow, named: "layout-dashboard-narrow-ascii")
    }
}
