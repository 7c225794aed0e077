import Foundation
import Testing

@testable import TerminalUI

/// A one-shot latch an effect can wait on, standing in for a slow (or stopped) network.
private final class Gate: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self)
    }

    func wait() async {
        for await _ in stream { return }
    }

    func open() {
        continuation.yield()
        continuation.finish()
    }
}

/// A small app exercising every runtime feature; its screen shows its state as text.
private struct ProbeApp: TerminalApp {
    struct State: Sendable {
        var count = 0
        var loaded: String = "loading"
        var lastTick: Date?
        var progress: [Int] = []
        var size = ""
    }

    enum Action: Sendable {
        case increment
        case key(KeyEvent)
        case tick(Date)
        case loaded(String)
        case progress(Int)
        case startLoad
        case startProgress
        case cancelProgress
        case quit
        case chain
    }

    var gate: Gate?
    var progressGate: Gate?
    var initialLoad = false
    var minimumSize = TerminalSize(width: 1, height: 1)

    func start(_ state: inout State) -> [Effect<Action>] {
        initialLoad ? load() : []
    }

    func update(_ state: inout State, _ action: Action) -> [Effect<Action>] {
        switch action {
        case .increment:
            state.count += 1
        case .key(let event):
            switch event {
            case .key(let key) where key == .char("+"): state.count += 1
            case .key(let key) where key == .char("q"): return [.quit]
            case .key(let key) where key == .char("l"): return load()
            case .key(let key) where key == .char("c"): return [.send(.chain)]
            case .key(let key) where key == .char("m"): return [.mouseReporting(true), .send(.increment)]
            case .resize(let width, let height): state.size = "\(width)x\(height)"
            default: break
            }
        case .tick(let date):
            state.lastTick = date
        case .loaded(let value):
            state.loaded = value
        case .progress(let step):
            state.progress.append(step)
        case .startLoad:
            return load()
        case .startProgress:
            let gate = progressGate
            return [
                .run(id: "progress") { send in
                    send(.progress(1))
                    await gate?.wait()
                    send(.progress(2))
                }
            ]
        case .cancelProgress:
            return [.cancel("progress")]
        case .quit:
            return [.quit]
        case .chain:
            state.count += 10
            return [.send(.increment)]
        }
        return []
    }

    private func load() -> [Effect<Action>] {
        let gate = self.gate
        return [
            .task(id: "load") {
                await gate?.wait()
                return .loaded("loaded")
            }
        ]
    }

    func view(_ state: State, into frame: inout FrameBuffer, cursor: inout CursorPosition?) {
        frame.write("count=\(state.count) \(state.loaded)", x: 0, y: 0, style: .plain)
        frame.write("progress=\(state.progress.map(String.init).joined(separator: ","))", x: 0, y: 1, style: .plain)
        let tick = state.lastTick.map { "\(Int($0.timeIntervalSince1970))" } ?? "none"
        frame.write("tick=\(tick) size=\(state.size)", x: 0, y: 2, style: .plain)
    }

    func keyAction(for event: KeyEvent, state: State) -> Action? {
        if event == .key(.ctrl("c")) { return nil }
        return .key(event)
    }

    func tickAction(at date: Date, state: State) -> Action? { .tick(date) }
}

/// Starts a run in a task; the test drives it through the backend and awaits the outcome.
private func launch(
    _ app: ProbeApp, backend: TestBackend, clock: any RuntimeClock = ManualRuntimeClock(),
    options: RuntimeOptions = RuntimeOptions()
) -> Task<RunOutcome<ProbeApp.State>, any Error> {
    let runtime = TerminalRuntime(app: app, backend: backend, clock: clock, options: options)
    return Task { try await runtime.run(ProbeApp.State()) }
}

@Suite(.timeLimit(.minutes(3)))
struct RuntimeTests {
    @Test func firstFrameAppearsBeforeTheInitialLoadFinishes() async throws {
        let gate = Gate()
        let backend = TestBackend(width: 40, height: 5)
        let run = launch(ProbeApp(gate: gate, initialLoad: true), backend: backend)
        try await backend.waitForScreen(containing: "count=0 loading")
        #expect(backend.presentations.first?.isFullRepaint == true)
        gate.open()
        try await backend.waitForScreen(containing: "count=0 loaded")
        backend.press(.char("q"))
        let outcome = try await run.value
        #expect(outcome.reason == .quit)
        #expect(outcome.state.loaded == "loaded")
        #expect(backend.isStopped)
    }

    @Test func keysAreHandledWhileAnEffectWaits() async throws {
        let gate = Gate()
        let backend = TestBackend(width: 40, height: 5)
        let run = launch(ProbeApp(gate: gate), backend: backend)
        backend.press(.char("l"))
        for _ in 0..<3 { backend.press(.char("+")) }
        // The load is still blocked, yet every key has been applied and drawn.
        try await backend.waitForScreen(containing: "count=3 loading")
        gate.open()
        try await backend.waitForScreen(containing: "count=3 loaded")
        backend.press(.char("q"))
        #expect(try await run.value.state.count == 3)
    }

    @Test func sendEffectsChainActionsBeforeTheNextFrame() async throws {
        let backend = TestBackend(width: 40, height: 5)
        let run = launch(ProbeApp(), backend: backend)
        try await backend.waitForPresentation(count: 1)
        backend.press(.char("c"))  // .chain adds 10 and sends .increment
        try await backend.waitForScreen(containing: "count=11")
        #expect(!backend.presentations.contains { $0.frame.textLines()[0].hasPrefix("count=10 ") })
        backend.press(.char("q"))
        #expect(try await run.value.state.count == 11)
    }

    @Test func mouseReportingEffectReachesTheBackend() async throws {
        let backend = TestBackend(width: 40, height: 5)
        let run = launch(ProbeApp(), backend: backend)
        try await backend.waitForPresentation(count: 1)
        #expect(backend.mouseReportingRequests.isEmpty)
        backend.press(.char("m"))  // asks for the mouse, then increments
        try await backend.waitForScreen(containing: "count=1")
        #expect(backend.mouseReportingRequests == [true])
        backend.press(.char("q"))
        _ = try await run.value
    }

    @Test func runEffectStreamsProgressAndCancelDropsTheRest() async throws {
        let progressGate = Gate()
        let backend = TestBackend(width: 40, height: 5)
        let app = ActionKeyApp(base: ProbeApp(progressGate: progressGate))
        let runtime = TerminalRuntime(app: app, backend: backend, clock: ManualRuntimeClock())
        let run = Task { try await runtime.run(ProbeApp.State()) }
        backend.press(.char("p"))  // start progress
        try await backend.waitForScreen(containing: "progress=1")
        backend.press(.char("x"))  // cancel it while it waits
        backend.press(.char("+"))
        try await backend.waitForScreen(containing: "count=1")
        progressGate.open()  // the cancelled effect would now post .progress(2)
        backend.press(.char("+"))
        try await backend.waitForScreen(containing: "count=2")
        backend.press(.char("q"))
        let outcome = try await run.value
        #expect(outcome.state.progress == [1])
    }

    @Test func ticksComeFromTheInjectedClock() async throws {
        let clock = ManualRuntimeClock(start: Date(timeIntervalSince1970: 1_000))
        let backend = TestBackend(width: 40, height: 5)
        let run = launch(ProbeApp(), backend: backend, clock: clock, options: RuntimeOptions(tickInterval: .seconds(1)))
        try await backend.waitForScreen(containing: "tick=none")
        await clock.waitForSleepers()
        clock.advance(by: .seconds(1))
        try await backend.waitForScreen(containing: "tick=1001")
        await clock.waitForSleepers()
        clock.advance(by: .milliseconds(500))
        #expect(clock.sleeperCount == 1, "half an interval does not tick")
        clock.advance(by: .milliseconds(500))
        try await backend.waitForScreen(containing: "tick=1002")
        backend.press(.char("q"))
        _ = try await run.value
        #expect(clock.sleeperCount == 0, "the timer stops with the loop")
    }

    @Test func ticksAlignToWholeIntervals() async throws {
        let clock = ManualRuntimeClock(start: Date(timeIntervalSince1970: 1_000.5))
        let backend = TestBackend(width: 40, height: 5)
        let run = launch(ProbeApp(), backend: backend, clock: clock, options: RuntimeOptions(tickInterval: .seconds(1)))
        await clock.waitForSleepers()
        clock.advance(by: .milliseconds(499))
        #expect(clock.sleeperCount == 1, "the first tick waits for the next whole second")
        clock.advance(by: .milliseconds(1))
        try await backend.waitForScreen(containing: "tick=1001")
        backend.press(.char("q"))
        _ = try await run.value
    }

    @Test func resizeRedrawsExactlyOnce() async throws {
        let backend = TestBackend(width: 80, height: 24)
        let run = launch(ProbeApp(), backend: backend)
        try await backend.waitForPresentation(count: 1)
        backend.resize(width: 60, height: 20)
        try await backend.waitForScreen(containing: "size=60x20")
        backend.press(.char("+"))
        try await backend.waitForScreen(containing: "count=1")
        let frames = backend.presentations
        #expect(frames.count == 3, "first frame, one redraw for the resize, one for the key")
        #expect(frames[1].isFullRepaint)
        #expect(frames[1].frame.width == 60 && frames[1].frame.height == 20)
        #expect(!frames[2].isFullRepaint)
        backend.press(.char("q"))
        _ = try await run.value
    }

    @Test func queuedEventsAreDrawnAsOneFrame() async throws {
        let backend = TestBackend(width: 40, height: 5)
        // Delivered all at once when the loop starts: one batch, so one frame after the first.
        for _ in 0..<100 { backend.press(.char("+")) }
        for (width, height) in [(50, 10), (60, 12), (70, 14)] { backend.resize(width: width, height: height) }
        let run = launch(ProbeApp(), backend: backend)
        try await backend.waitForScreen(containing: "count=100")
        backend.press(.char("q"))
        let outcome = try await run.value
        #expect(backend.presentations.count == 2)
        #expect(outcome.state.size == "70x14", "resizes are coalesced to the last one")
    }

    @Test func anUnchangedFrameChangesNoCell() async throws {
        let backend = TestBackend(width: 40, height: 5)
        let run = launch(ProbeApp(), backend: backend)
        try await backend.waitForPresentation(count: 1)
        backend.press(.char("z"))  // mapped to an action that changes nothing
        try await backend.waitForPresentation(count: 2)
        #expect(backend.presentations[1].changedCellCount == 0)
        backend.press(.char("+"))
        try await backend.waitForPresentation(count: 3)
        let changed = backend.presentations[2].changes
        #expect(changed.count == 1 && changed[0].y == 0, "only the counter's row changes: \(changed)")
        backend.press(.char("q"))
        _ = try await run.value
    }

    @Test func endsOnCtrlCSignalsAndClosedInput() async throws {
        let cases: [(TerminalEvent, RunOutcome<ProbeApp.State>.Reason, Int32)] = [
            (.input(.key(.ctrl("c"))), .interruptKey, 0),
            (.signal(.terminate), .signal(.terminate), 143),
            (.signal(.interrupt), .signal(.interrupt), 130),
            (.signal(.hangup), .signal(.hangup), 129),
            (.inputClosed, .inputClosed, 0),
        ]
        for (event, reason, status) in cases {
            let backend = TestBackend(width: 40, height: 5)
            let run = launch(ProbeApp(), backend: backend)
            try await backend.waitForPresentation(count: 1)
            backend.send(event)
            let outcome = try await run.value
            #expect(outcome.reason == reason)
            #expect(outcome.exitStatus == status)
            #expect(backend.isStopped, "the backend is stopped (terminal restored) on \(event)")
        }
    }

    @Test func ctrlCCanBeLeftToTheApp() async throws {
        let backend = TestBackend(width: 40, height: 5)
        let run = launch(ProbeApp(), backend: backend, options: RuntimeOptions(interruptKeyQuits: false))
        try await backend.waitForPresentation(count: 1)
        backend.press(.ctrl("c"))
        backend.press(.char("+"))
        try await backend.waitForScreen(containing: "count=1")
        backend.press(.char("q"))
        #expect(try await run.value.reason == .quit)
    }

    @Test func tooSmallTerminalShowsTheEnlargeMessage() async throws {
        let backend = TestBackend(width: 30, height: 8)
        let run = launch(ProbeApp(minimumSize: TerminalSize(width: 40, height: 10)), backend: backend)
        try await backend.waitForScreen(containing: "enlarge to at least 40")
        #expect(!backend.screenLines.joined().contains("count="))
        backend.resize(width: 40, height: 10)
        try await backend.waitForScreen(containing: "count=0")
        backend.press(.char("q"))
        _ = try await run.value
    }
}

/// Maps `p` and `x` to starting and cancelling the streaming effect, everything else as `ProbeApp` does.
private struct ActionKeyApp: TerminalApp {
    let base: ProbeApp

    func update(_ state: inout ProbeApp.State, _ action: ProbeApp.Action) -> [Effect<ProbeApp.Action>] {
        base.update(&state, action)
    }

    func view(_ state: ProbeApp.State, into frame: inout FrameBuffer, cursor: inout CursorPosition?) {
        base.view(state, into: &frame, cursor: &cursor)
    }

    func keyAction(for event: KeyEvent, state: ProbeApp.State) -> ProbeApp.Action? {
        if event == .key(.char("p")) { return .startProgress }
        if event == .key(.char("x")) { return .cancelProgress }
        return base.keyAction(for: event, state: state)
    }
}
