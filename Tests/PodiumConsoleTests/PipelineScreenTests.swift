import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// The pipeline screen (`5`): its sub-model's cursor over the ledger rows, its key scope, and its data source.
@Suite("Pipeline screen")
struct PipelineScreenTests {
    static var snapshot: PipelineSnapshot {
        PipelineSnapshot(
            ledger: PipelineViewSnapshotTests.ledger, machinery: PipelineViewSnapshotTests.machinery)
    }

    @Test("the cursor moves over the ledger rows; rows open nothing; the cursor is stored back")
    func handle() {
        var state = Fixtures.loadedState()
        state.stack = [.pipeline]
        state.pipeline.value = Self.snapshot
        var screen = PipelineScreen(state)
        let count = Self.snapshot.ledger.rows.count
        #expect(screen.list.rows.count == count)
        #expect(count >= 2)
        #expect(screen.handle(.down) == .moved)
        #expect(screen.list.cursor == 1)
        #expect(screen.handle(.bottom) == .moved)
        #expect(screen.list.cursor == count - 1)
        #expect(screen.handle(.down) == .moved)
        #expect(screen.list.cursor == count - 1, "the cursor stops at the last row")
        #expect(screen.handle(.open) == .none)
        #expect(screen.handle(.approve) == .none)
        #expect(screen.handle(.promote) == .none)
        screen.store(in: &state)
        #expect(state.cursor(ConsoleScreen.pipeline.listKey) == count - 1)
    }

    @Test("before the ledger is read the screen has no rows and moves nothing")
    func empty() {
        var state = Fixtures.loadedState()
        state.stack = [.pipeline]
        var screen = PipelineScreen(state)
        #expect(screen.list.rows.isEmpty)
        #expect(screen.handle(.down) == .moved)
        #expect(screen.list.cursor == 0)
    }

    @Test("5 opens the pipeline, whose scope takes no Enter; the screen wants the pipeline source")
    func routingAndSource() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        #expect(!DataSource.wanted(by: state).contains(.pipeline), "not read while another screen is shown")
        _ = app.update(&state, .input(.key(.char("5"))))
        #expect(state.stack == [.pipeline])
        #expect(state.screen.tab == .pipeline)
        #expect(ObjectIdentifier(state.screen.model) == ObjectIdentifier(PipelineScreen.self))
        #expect(state.effectiveKeyMap.binding(for: .enter, in: state.screen.scope) == nil)
        #expect(state.effectiveKeyMap.action(for: .char("j"), in: state.screen.scope) == .down)
        #expect(DataSource.wanted(by: state).contains(.pipeline))
    }

    @Test("a read lands in the state and the view draws the flags under the cursor")
    func landingAndRendering() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        state.stack = [.pipeline]
        _ = app.update(&state, .pipelineLoaded(.success(Self.snapshot), at: Fixtures.now))
        #expect(state.pipeline.value == Self.snapshot)
        var frame = FrameBuffer(width: 160, height: 40)
        var cursor: CursorPosition?
        ConsoleView(state: state).render(into: &frame, cursor: &cursor)
        let text = frame.textLines().joined(separator: "\n")
        #expect(text.contains("approved, not deployed"))
        #expect(text.contains("silent rollback"))
        #expect(text.contains("Pipeline"))
    }

    @Test("watch pages parse pipeline")
    func pageName() {
        #expect(ConsoleTab(pageName: "pipeline") == .pipeline)
        #expect(ConsoleTab(pageName: "ledger") == .pipeline)
    }
}

/// The log view (`L` on the dashboard): opening it, landing polls, scrolling pauses, `f` follows.
@Suite("Log view")
struct LogsScreenTests {
    static func lines(_ messages: String...) -> [LogLine] {
        messages.enumerated().map {
            LogLine(
                time: Fixtures.now.addingTimeInterval(Double($0.offset)), stream: "AllTraffic/i-1", message: $0.element)
        }
    }

    @Test("L on a dashboard endpoint opens its log view, which polls its log; Esc goes back")
    func opening() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        let effects = press(app, &state, .char("L"))
        #expect(state.stack == [.dashboard, .logs(environment: "dev", endpoint: "churn-dev")])
        #expect(state.logFeed?.environment == "dev" && state.logFeed?.endpoint == "churn-dev")
        #expect(state.logFeed?.buffer.lines.isEmpty == true)
        #expect(state.logFeed?.poll.inFlight == true, "the first poll starts at once")
        #expect(!effects.isEmpty)
        #expect(
            DataSource.wanted(by: state).contains(.logs(environment: "dev", endpoint: "churn-dev", restart: true)))
        #expect(state.effectiveKeyMap.action(for: .char("f"), in: state.screen.scope) == .follow)
        #expect(state.keyMap.binding(for: .char("L"), in: ConsoleKeys.Scope.dashboard)?.action == .logs)
        press(app, &state, .escape)
        #expect(state.stack == [.dashboard])
        #expect(
            ConsoleKeys.watch.binding(for: .char("L"), in: ConsoleKeys.Scope.dashboard) == nil,
            "the wall screen reads only what its pages show")
    }

    @Test("lines land in the feed; scrolling up pauses and counts new lines; f follows again")
    func pauseAndFollow() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        press(app, &state, .char("L"))
        _ = app.update(
            &state,
            .logLinesLoaded(
                environment: "dev", endpoint: "churn-dev", .success(Self.lines("a", "b", "c")), at: Fixtures.now))
        #expect(state.logFeed?.buffer.lines.map(\.message) == ["a", "b", "c"])
        #expect(
            DataSource.wanted(by: state).contains(.logs(environment: "dev", endpoint: "churn-dev", restart: false)),
            "later polls go on from the tailer's cursor")
        var screen = LogsScreen(state)
        #expect(screen.handle(.up) == .moved)
        screen.store(in: &state)
        #expect(state.logFeed?.scrollBack == 1)
        _ = app.update(
            &state,
            .logLinesLoaded(environment: "dev", endpoint: "churn-dev", .success(Self.lines("d", "e")), at: Fixtures.now)
        )
        #expect(state.logFeed?.unseen == 2)
        #expect(state.logFeed?.scrollBack == 3, "the paused view stays on the lines it showed")
        press(app, &state, .char("f"))
        #expect(state.logFeed?.scrollBack == 0)
        #expect(state.logFeed?.unseen == 0)
        // Lines of another endpoint's log are not mixed in.
        _ = app.update(
            &state,
            .logLinesLoaded(environment: "prod", endpoint: "churn-prod", .success(Self.lines("x")), at: Fixtures.now))
        #expect(state.logFeed?.buffer.lines.count == 5)
    }
}
