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
