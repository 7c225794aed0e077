import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// The console and the mouse (`mouse: true`): a frame is rendered from the state, the gesture is found against
/// the hit regions that frame recorded (as the runtime does with the frame on screen), and the app's reaction is
/// checked. Clicks select and open, never approve or promote; a pane over the screen takes every click.
@Suite("Console mouse")
struct MouseRoutingTests {
    static func mouseConfig(_ on: Bool = true) -> PodiumConfig {
        var config = Fixtures.config()
        config.mouse = on
        return config
    }

    static func loaded(mode: ConsoleOptions.Mode = .console) -> ConsoleState {
        Fixtures.loadedState(config: mouseConfig(), mode: mode)
    }

    /// Where `text` is drawn (the first match; on `line` when given).
    static func cell(of text: String, in state: ConsoleState, line: Int? = nil) throws -> (x: Int, y: Int) {
        let lines = Fixtures.render(state).textLines()
        for (y, row) in lines.enumerated() where line == nil || line == y {
            if let range = row.range(of: text) {
                return (TextLayout.width(String(row[..<range.lowerBound])), y)
            }
        }
        Issue.record("\"\(text)\" not drawn:\n\(lines.joined(separator: "\n"))")
        throw CancellationError()
    }

    /// Feeds mouse events against the frame the state draws (redrawn after each gesture, as the runtime does),
    /// or against `regions` when given.
    @discardableResult
    static func feed(
        _ events: [MouseEvent], _ state: inout ConsoleState, app: ConsoleApp = Fixtures.app(),
        regions fixed: [HitRegion]? = nil
    ) -> [Effect<ConsoleAction>] {
        var tracker = MouseGestureTracker()
        var effects: [Effect<ConsoleAction>] = []
        for event in events {
            let regions = fixed ?? Fixtures.render(state).hitRegions
            guard let input = tracker.handle(event, regions: regions),
                let action = app.mouseAction(for: input, state: state)
            else { continue }
            effects += app.update(&state, action)
        }
        return effects
    }

    static func click(
        _ cell: (x: Int, y: Int), _ state: inout ConsoleState, app: ConsoleApp = Fixtures.app(),
        regions: [HitRegion]? = nil
    ) {
        feed(
            [MouseEvent(.press(.left), x: cell.x, y: cell.y), MouseEvent(.release(.left), x: cell.x, y: cell.y)],
            &state, app: app, regions: regions)
    }

    @Test("a click on a tab shows its screen; the watch screen's tabs too")
    func tabs() throws {
        var state = Self.loaded()
        Self.click(try Self.cell(of: "Pending", in: state, line: 1), &state)
        #expect(state.screen == .pending)
        Self.click(try Self.cell(of: "Activity", in: state, line: 1), &state)
        #expect(state.screen == .activity)

        var watch = Self.loaded(mode: .watch)
        Self.click(try Self.cell(of: "Registry", in: watch, line: 1), &watch)
        #expect(watch.screen == .groups)
    }

    @Test("a click on a dashboard endpoint selects it; on the selected one it opens the group, as Enter does")
    func dashboardRows() throws {
        var state = Self.loaded()
        #expect(state.cursor(ConsoleScreen.dashboard.listKey) == 0)
        // fraud-prod: another environment's panel, its second endpoint (its last line is part of it too).
        let prod = try Self.cell(of: "fraud-prod", in: state)
        Self.click((prod.x, prod.y + 1), &state)
        #expect(state.cursor(ConsoleScreen.dashboard.listKey) == 3)
        #expect(state.screen == .dashboard)
        Self.click(prod, &state)
        #expect(state.stack == [.groups, .versions(group: "fraud")])
    }

    @Test("pending: a click selects, a click on the selected row opens the detail; nothing is approved")
    func pendingRows() throws {
        let service = RecordingService()
        let app = Fixtures.app(service)
        var state = Self.loaded()
        state.stack = [.pending]
        let fraud4 = try Self.cell(of: "v4", in: state)
        Self.click(fraud4, &state, app: app)
        #expect(state.cursor(ConsoleScreen.pending.listKey) == 2)
        #expect(state.screen == .pending)
        Self.click(fraud4, &state, app: app)
        #expect(state.screen == .detail(VersionKey(group: "fraud", version: 4)))
        #expect(state.overlay == nil)
        #expect(!service.calls.contains { $0.hasPrefix("approve") || $0.hasPrefix("decide") })
    }

    @Test("a long list scrolled to its cursor: a click reaches the row drawn there, not the window's first index")
    func scrolledList() throws {
        var state = Self.loaded()
        state.size = TerminalSize(width: 100, height: 16)
        state.pending.succeed((1...40).map { Fixtures.version("queue", $0) }, at: Fixtures.now)
        state.stack = [.pending]
        state.cursors[ConsoleScreen.pending.listKey] = 30
        let row = try Self.cell(of: "queue retrained (v29)", in: state)
        Self.click(row, &state)
        #expect(state.cursor(ConsoleScreen.pending.listKey) == 28)
        Self.click(row, &state)
        #expect(state.screen == .detail(VersionKey(group: "queue", version: 29)))
    }

    @Test("press on one row and release on another does nothing")
    func dragIsNoClick() throws {
        var state = Self.loaded()
        state.stack = [.pending]
        let first = try Self.cell(of: "v5", in: state)
        let last = try Self.cell(of: "v4", in: state)
        Self.feed(
            [MouseEvent(.press(.left), x: first.x, y: first.y), MouseEvent(.release(.left), x: last.x, y: last.y)],
            &state)
        #expect(state.cursor(ConsoleScreen.pending.listKey) == 0)
        #expect(state.screen == .pending)
    }

    @Test("the wheel moves the selection 3 rows a notch over the list, nothing over the tabs")
    func wheel() throws {
        var state = Self.loaded()
        let row = try Self.cell(of: "churn-dev", in: state)
        Self.feed([MouseEvent(.wheelDown, x: row.x, y: row.y)], &state)
        #expect(state.cursor(ConsoleScreen.dashboard.listKey) == 3)
        Self.feed([MouseEvent(.wheelUp, x: row.x, y: row.y), MouseEvent(.wheelDown, x: row.x, y: row.y)], &state)
        #expect(state.cursor(ConsoleScreen.dashboard.listKey) == 3)
        Self.feed([MouseEvent(.wheelUp, x: row.x, y: row.y)], &state)
        #expect(state.cursor(ConsoleScreen.dashboard.listKey) == 0)
        let tab = try Self.cell(of: "Registry", in: state, line: 1)
        Self.feed([MouseEvent(.wheelDown, x: tab.x, y: tab.y)], &state)
        #expect(state.cursor(ConsoleScreen.dashboard.listKey) == 0)
    }

    @Test("over a y/n or typed confirmation, a quit dialog or the progress pane, no click does anything")
    func panesTakeEveryClick() throws {
        let service = RecordingService()
        let app = Fixtures.app(service)
        for confirm in [ConfirmMode.yes, .typed] {
            var state = Self.loaded()
            let plan = samplePlan(confirm: confirm)
            var pane = PlanPane(title: "Promote churn v4 to prod", environment: "prod", endpoint: "churn-prod")
            pane.plan = plan
            pane.modal = ConsoleApp.confirmation(for: plan)
            state.overlay = .plan(pane)
            // Every cell of the frame with the pane: its words, its y/n, the tabs and rows around it. (One frame:
            // were anything to change, the checks below would see it.)
            let frame = Fixtures.render(state)
            #expect(frame.hitTarget(x: 0, y: 1) as? ConsoleHitTarget == .pane)
            for y in 0..<frame.height {
                for x in 0..<frame.width {
                    Self.click((x, y), &state, app: app, regions: frame.hitRegions)
                    Self.feed([MouseEvent(.wheelDown, x: x, y: y)], &state, app: app, regions: frame.hitRegions)
                }
            }
            guard case .plan(let after) = state.overlay else {
                Issue.record("the plan pane was closed by a click")
                continue
            }
            #expect(after.modal != nil)
            // Even a click that reached a tab or a row beneath (a frame without the pane's region) does nothing.
            for target in [ConsoleHitTarget.tab(.pending), .row(list: ConsoleScreen.dashboard.listKey, index: 0)] {
                _ = app.update(&state, .mouse(MouseInput(.click(.left), x: 0, y: 0, target: target)))
            }
            #expect(state.overlay != nil)
            #expect(state.deployment == nil)
            #expect(state.screen == .dashboard)
            #expect(state.cursor(ConsoleScreen.dashboard.listKey) == 0)
        }
        var quitting = Self.loaded()
        quitting.overlay = .confirmQuit
        Self.click(try Self.cell(of: "Pending", in: quitting, line: 1), &quitting, app: app)
        #expect(quitting.screen == .dashboard)
        #expect(quitting.overlay != nil)
        var running = Self.loaded()
        running.deployment = DeploymentRun(plan: samplePlan(), startedAt: Fixtures.now)
        let tab = try Self.cell(of: "Pending", in: running, line: 1)
        Self.click(tab, &running, app: app)
        Self.click((10, 10), &running, app: app)
        _ = app.update(&running, .mouse(MouseInput(.click(.left), x: 0, y: 0, target: ConsoleHitTarget.tab(.pending))))
        #expect(running.screen == .dashboard, "a tab click while the progress pane is up")
        #expect(running.deployment?.hidden == false)
        #expect(service.calls.isEmpty, "\(service.calls)")
    }

    @Test("promotion picker: a click selects a target; on the selected one the plan's confirmation follows")
    func picker() throws {
        let service = RecordingService()
        let app = Fixtures.app(service)
        var state = Self.loaded()
        let targets = [
            PromotePicker.Target(
                environment: "dev", endpoint: "churn-dev", plan: samplePlan(environment: "dev", endpoint: "churn-dev")),
            PromotePicker.Target(environment: "prod", endpoint: "churn-prod", plan: samplePlan(confirm: .typed)),
        ]
        state.overlay = .promotePicker(PromotePicker(key: VersionKey(group: "churn", version: 4), targets: targets))
        let prod = try Self.cell(of: "prod  churn-prod", in: state)
        Self.click(prod, &state, app: app)
        guard case .promotePicker(let moved) = state.overlay else {
            Issue.record("the picker closed on a click")
            return
        }
        #expect(moved.cursor == 1)
        Self.click(prod, &state, app: app)
        guard case .plan(let pane) = state.overlay else {
            Issue.record("no plan pane after a click on the selected target: \(String(describing: state.overlay))")
            return
        }
        #expect(pane.endpoint == "churn-prod")
        #expect(pane.scope == ConsoleKeys.Scope.typedConfirm, "the typed confirmation still follows")
        // More clicks on the plan pane (where the picker was) answer nothing.
        Self.click(prod, &state, app: app)
        Self.click(prod, &state, app: app)
        #expect(state.deployment == nil)
        guard case .plan = state.overlay else {
            Issue.record("the plan pane closed on a click")
            return
        }
        #expect(service.calls.isEmpty, "\(service.calls)")
    }

    @Test("the wheel scrolls a version's detail, as the arrow keys do")
    func detailWheel() throws {
        var state = Self.loaded()
        let key = VersionKey(group: "churn", version: 5)
        state.stack = [.pending, .detail(key)]
        Self.feed([MouseEvent(.wheelDown, x: 10, y: 10), MouseEvent(.wheelDown, x: 10, y: 10)], &state)
        #expect(state.scrolls[ConsoleScreen.detail(key).listKey] == 6)
        Self.feed([MouseEvent(.wheelUp, x: 10, y: 10)], &state)
        #expect(state.scrolls[ConsoleScreen.detail(key).listKey] == 3)
    }

    @Test("the wheel scrolls the help screen; a click does not close it")
    func help() throws {
        var state = Self.loaded()
        state.overlay = .help(scroll: 0)
        Self.feed([MouseEvent(.wheelDown, x: 20, y: 10), MouseEvent(.wheelDown, x: 20, y: 10)], &state)
        guard case .help(let scroll) = state.overlay else {
            Issue.record("help closed")
            return
        }
        #expect(scroll == 6)
        Self.click((20, 10), &state)
        #expect(state.overlay != nil)
    }

    @Test("without mouse: true in the config the console takes no gesture")
    func off() throws {
        var state = Fixtures.loadedState(config: Self.mouseConfig(false))
        Self.click(try Self.cell(of: "Pending", in: state, line: 1), &state)
        #expect(state.screen == .dashboard)
    }
}
