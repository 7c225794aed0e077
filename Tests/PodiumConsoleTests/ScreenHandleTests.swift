import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// Each screen's sub-model on its own: built from a state, a command in, an outcome out; what it changed
/// (cursor, scroll) is stored back. The fixtures have dev (churn-dev, fraud-dev) and prod (churn-prod,
/// fraud-prod), groups churn and fraud, and pending churn v5, fraud v3, fraud v4.
@Suite("Screen sub-models")
struct ScreenHandleTests {
    @Test("dashboard: rows move and jump between environments; Enter, p and b act on the endpoint")
    func dashboard() {
        var state = Fixtures.loadedState()
        var screen = DashboardScreen(state)
        #expect(screen.list.rows.map(\.spec.name) == ["churn-dev", "fraud-dev", "churn-prod", "fraud-prod"])
        #expect(screen.handle(.down) == .moved)
        #expect(screen.list.cursor == 1)
        #expect(screen.handle(.right) == .moved)
        #expect(screen.list.cursor == 2)
        #expect(screen.handle(.left) == .moved)
        #expect(screen.list.cursor == 0)
        #expect(screen.handle(.left) == .moved)
        #expect(screen.list.cursor == 2, "left from the first environment wraps to the last")
        let row = screen.list.rows[2]
        #expect(screen.handle(.open) == .openVersions(group: "churn", running: row.health?.deployment.version))
        #expect(row.health?.deployment.version != nil)
        #expect(screen.handle(.promote) == .promoteTo(row))
        #expect(screen.handle(.rollback) == .rollback(row))
        #expect(screen.handle(.approve) == .none)
        #expect(screen.handle(.bottom) == .moved)
        #expect(screen.list.cursor == 3)
        screen.store(in: &state)
        #expect(state.cursor(ConsoleScreen.dashboard.listKey) == 3)
    }

    @Test("dashboard with no rows: moves change nothing and no command acts")
    func emptyDashboard() {
        var state = Fixtures.loadedState()
        state.filters[ConsoleScreen.dashboard.listKey] = "no-such-endpoint"
        var screen = DashboardScreen(state)
        #expect(screen.list.rows.isEmpty)
        #expect(screen.handle(.down) == .moved)
        #expect(screen.handle(.right) == .moved)
        #expect(screen.list.cursor == 0)
        #expect(screen.handle(.open) == .none)
        #expect(screen.handle(.rollback) == .none)
        screen.store(in: &state)
        #expect(state.cursors[ConsoleScreen.dashboard.listKey] == nil, "an unmoved cursor is not written")
    }

    @Test("groups: Enter opens the group under the cursor, nothing else acts")
    func groups() {
        var state = Fixtures.loadedState()
        state.stack = [.groups]
        var screen = GroupsScreen(state)
        #expect(screen.handle(.open) == .push(.versions(group: "churn")))
        #expect(screen.handle(.down) == .moved)
        #expect(screen.handle(.open) == .push(.versions(group: "fraud")))
        #expect(screen.handle(.down) == .moved)
        #expect(screen.list.cursor == 1, "the cursor stays on the last row")
        #expect(screen.handle(.promote) == .none)
    }

    @Test("pending queue: pages within the rows, opens, approves, rejects and promotes the version under the cursor")
    func pending() {
        var state = Fixtures.loadedState()
        state.stack = [.pending]
        var screen = VersionListScreen(state)
        #expect(screen.list.page == 32)
        #expect(screen.handle(.pageDown) == .moved)
        #expect(screen.list.cursor == 2)
        let fraud4 = Fixtures.version("fraud", 4)
        let key = VersionKey(group: "fraud", version: 4)
        #expect(screen.handle(.open) == .push(.detail(key)))
        #expect(screen.handle(.approve) == .decide(fraud4, .approved))
        #expect(screen.handle(.reject) == .decide(fraud4, .rejected))
        #expect(screen.handle(.promote) == .promote(key))
        #expect(screen.handle(.rollback) == .none)
        #expect(screen.handle(.top) == .moved)
        #expect(screen.list.selection == Fixtures.version("churn", 5))
        screen.store(in: &state)
        #expect(state.cursor(ConsoleScreen.pending.listKey) == 0)
    }

    @Test("a group's versions: the same version commands on the group's list")
    func versions() {
        var state = Fixtures.loadedState()
        state.stack = [.groups, .versions(group: "churn")]
        let listed = [Fixtures.version("churn", 5), Fixtures.version("churn", 4, status: "Approved")]
        state.versions["churn"] = Loadable()
        state.versions["churn"]?.succeed(listed, at: Fixtures.now)
        var screen = VersionListScreen(state)
        #expect(screen.list.rows == listed)
        #expect(screen.handle(.down) == .moved)
        #expect(screen.handle(.promote) == .promote(VersionKey(group: "churn", version: 4)))
        #expect(screen.handle(.open) == .push(.detail(VersionKey(group: "churn", version: 4))))
        screen.store(in: &state)
        #expect(state.cursor(ConsoleScreen.versions(group: "churn").listKey) == 1)
    }

    @Test("detail: the navigation keys scroll (never above the top); the version commands act on the version shown")
    func detail() {
        var state = Fixtures.loadedState(height: 20)
        let key = VersionKey(group: "churn", version: 5)
        state.stack = [.pending, .detail(key)]
        var screen = DetailScreen(state)
        #expect(screen.version == Fixtures.version("churn", 5))
        #expect(screen.handle(.up) == .moved)
        #expect(screen.scroll == 0)
        #expect(screen.handle(.down) == .moved)
        #expect(screen.handle(.pageDown) == .moved)
        #expect(screen.scroll == 13)
        #expect(screen.handle(.pageUp) == .moved)
        #expect(screen.scroll == 1)
        #expect(screen.handle(.open) == .none, "the detail is not a list")
        #expect(screen.handle(.approve) == .decide(Fixtures.version("churn", 5), .approved))
        #expect(screen.handle(.promote) == .promote(key))
        screen.store(in: &state)
        #expect(state.scrolls[ConsoleScreen.detail(key).listKey] == 1)

        state.stack = [.groups, .detail(VersionKey(group: "churn", version: 99))]
        var unknown = DetailScreen(state)
        #expect(unknown.version == nil)
        #expect(unknown.handle(.approve) == .none, "a version nothing has listed yet cannot be acted on")
    }

    @Test("activity: audit and approval rows under one cursor; they open nothing")
    func activity() {
        var state = Fixtures.loadedState()
        state.stack = [.activity]
        var screen = ActivityScreen(state)
        let count = state.auditRows.count + state.approvalRows.count
        #expect(screen.list.rows.count == count)
        #expect(count >= 2)
        #expect(screen.handle(.bottom) == .moved)
        #expect(screen.list.cursor == count - 1)
        #expect(screen.handle(.open) == .none)
        #expect(screen.handle(.approve) == .none)
    }

    @Test("the app routes a key to the screen shown and acts on its outcome")
    func routing() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        press(app, &state, .char("2"))
        #expect(state.stack == [.groups])
        press(app, &state, .down, .enter)
        #expect(state.stack == [.groups, .versions(group: "fraud")])
        var pending = Fixtures.loadedState()
        press(app, &pending, .char("3"), .down, .char("a"))
        guard case .comment(let prompt) = pending.overlay else {
            Issue.record("approve on the pending queue did not ask for a comment")
            return
        }
        #expect(prompt.key == VersionKey(group: "fraud", version: 3))
        #expect(prompt.decision == .approved)
    }

    @Test("each screen's sub-model says which of the table's keys it takes now")
    func keys() {
        var state = Fixtures.loadedState()
        let table = state.keyMap
        state.stack = [.activity]
        #expect(ObjectIdentifier(state.screen.model) == ObjectIdentifier(ActivityScreen.self))
        #expect(table.binding(for: .enter, in: state.screen.scope) != nil)
        #expect(state.effectiveKeyMap.binding(for: .enter, in: state.screen.scope) == nil, "activity opens nothing")

        state.stack = [.pending, .detail(VersionKey(group: "churn", version: 5))]
        #expect(ObjectIdentifier(state.screen.model) == ObjectIdentifier(DetailScreen.self))
        #expect(state.effectiveKeyMap.action(for: .char("/"), in: state.screen.scope) == nil)
        #expect(state.effectiveKeyMap.action(for: .char("a"), in: state.screen.scope) == .approve)
        state.pending.value = []
        state.stack = [.pending]
        #expect(ObjectIdentifier(state.screen.model) == ObjectIdentifier(VersionListScreen.self))
        #expect(state.effectiveKeyMap.action(for: .char("a"), in: state.screen.scope) == nil, "nothing to approve")

        state.stack = [.dashboard]
        state.deployment = DeploymentRun(
            plan: samplePlan(environment: "dev", endpoint: "churn-dev"), startedAt: Fixtures.now)
        let rollback = state.effectiveKeyMap.binding(for: .char("b"), in: state.screen.scope)
        #expect(rollback?.disabledReason == "promote churn-dev is running")
    }
}
