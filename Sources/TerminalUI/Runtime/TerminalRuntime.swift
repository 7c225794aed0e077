import Foundation

/// Runs a `TerminalApp` on a `TerminalBackend`: the event loop of the engine.
///
/// One loop owns the state. It waits (without polling) for the next batch of events — keys from the
/// backend's input thread, actions posted by effect tasks, timer ticks — applies them all through
/// `update`, then draws one frame. Effects run in detached tasks and post their actions back through a
/// queue, so neither input handling nor drawing ever waits for them.
///
/// ```swift
/// let terminal = try NCursesTerminal()
/// let runtime = TerminalRuntime(app: MyApp(), backend: terminal, options: .init(tickInterval: .seconds(1)))
/// let outcome = try await runtime.run(MyApp.State())
/// exit(outcome.exitStatus)
/// ```
public struct TerminalRuntime<App: TerminalApp>: Sendable {
    /// The app.
    public let app: App
    /// Where frames go and events come from.
    public let backend: any TerminalBackend
    /// Time for ticks.
    public let clock: any RuntimeClock
    /// Tick interval and quit behaviour.
    public let options: RuntimeOptions

    /// Creates a runtime.
    public init(
        app: App, backend: any TerminalBackend, clock: any RuntimeClock = SystemRuntimeClock(),
        options: RuntimeOptions = RuntimeOptions()
    ) {
        self.app = app
        self.backend = backend
        self.clock = clock
        self.options = options
    }

    /// Runs the loop until the app quits, a signal arrives or input ends, then stops the backend
    /// (restoring the terminal) and returns the final state. Running effects are cancelled, not awaited.
    public func run(_ initialState: App.State) async throws -> RunOutcome<App.State> {
        let loop = RuntimeLoop(app: app, backend: backend, clock: clock, options: options, state: initialState)
        return try await loop.run()
    }
}

/// What the loop's queue carries.
enum RuntimeEvent<Action: Sendable>: Sendable {
    case action(Action)
    case effectAction(token: UInt64, Action)
    case effectFinished(token: UInt64)
    case terminal(TerminalEvent)
    case tick(Date)
}

/// The mutable side of one run; created and used by a single `run` call only.
final class RuntimeLoop<App: TerminalApp> {
    typealias Action = App.Action

    private let app: App
    private let backend: any TerminalBackend
    private let clock: any RuntimeClock
    private let options: RuntimeOptions
    private let queue = EventQueue<RuntimeEvent<Action>>()
    private var state: App.State
    private var running: [UInt64: (id: EffectID?, task: Task<Void, Never>)] = [:]
    private var tokensByID: [EffectID: UInt64] = [:]
    private var cancelledTokens: Set<UInt64> = []
    private var nextToken: UInt64 = 0
    private var endReason: RunOutcome<App.State>.Reason?
    private var needsRender = true
    private var needsRepaint = false
    private var timer: Task<Void, Never>?
    /// The hit regions of the frame on screen, and the mouse buttons held over them.
    private var shownHits: [HitRegion] = []
    private var mouse = MouseGestureTracker()

    init(app: App, backend: any TerminalBackend, clock: any RuntimeClock, options: RuntimeOptions, state: App.State) {
        self.app = app
        self.backend = backend
        self.clock = clock
        self.options = options
        self.state = state
    }

    func run() async throws -> RunOutcome<App.State> {
        let queue = self.queue
        do {
            try backend.start { event in
                if case .input(.resize) = event {
                    queue.post(.terminal(event), coalescingKey: "resize")
                } else {
                    queue.post(.terminal(event))
                }
            }
        } catch {
            backend.stop()
            throw error
        }
        defer { finish() }

        startTimer()
        perform(app.start(&state), followUps: nil)
        render()
        while endReason == nil {
            let batch = await queue.nextBatch()
            for event in batch {
                handle(event)
                if endReason != nil { break }
            }
            if endReason == nil && needsRender { render() }
        }
        return RunOutcome(state: state, reason: endReason ?? .quit)
    }

    // MARK: - Events

    private func handle(_ event: RuntimeEvent<Action>) {
        switch event {
        case .action(let action):
            apply(action)
        case .effectAction(let token, let action):
            if !cancelledTokens.contains(token) { apply(action) }
        case .effectFinished(let token):
            cancelledTokens.remove(token)
            if let entry = running.removeValue(forKey: token), let id = entry.id, tokensByID[id] == token {
                tokensByID[id] = nil
            }
        case .tick(let date):
            if let action = app.tickAction(at: date, state: state) { apply(action) }
        case .terminal(let terminalEvent):
            handle(terminalEvent)
        }
    }

    private func handle(_ event: TerminalEvent) {
        switch event {
        case .input(.mouse(let report)):
            if let gesture = mouse.handle(report, regions: shownHits),
                let action = app.mouseAction(for: gesture, state: state)
            {
                apply(action)
            }
        case .input(let input):
            if case .resize = input { needsRender = true }
            if let action = app.keyAction(for: input, state: state) {
                apply(action)
            } else if options.interruptKeyQuits, input == .key(.ctrl("c")) {
                endReason = .interruptKey
            }
        case .signal(let signal):
            endReason = .signal(signal)
        case .redraw:
            needsRepaint = true
            needsRender = true
        case .inputClosed:
            endReason = .inputClosed
        }
    }

    /// Applies an action and the actions its `.send` effects chain, in order.
    private func apply(_ action: Action) {
        var followUps: [Action] = [action]
        var index = 0
        while index < followUps.count, endReason == nil {
            let effects = app.update(&state, followUps[index])
            needsRender = true
            perform(effects, followUps: &followUps)
            index += 1
        }
    }

    private func perform(_ effects: [Effect<Action>], followUps: inout [Action]) {
        for effect in effects {
            switch effect.operation {
            case .run(let id, let body):
                launch(id: id, body: body)
            case .cancel(let id):
                cancel(id)
            case .send(let action):
                followUps.append(action)
            case .repaint:
                needsRepaint = true
                needsRender = true
            case .quit:
                endReason = .quit
            case .mouseReporting(let enabled):
                _ = backend.setMouseReporting(enabled)
            }
        }
    }

    private func perform(_ effects: [Effect<Action>], followUps: Void?) {
        var chained: [Action] = []
        perform(effects, followUps: &chained)
        for action in chained where endReason == nil { apply(action) }
    }

    // MARK: - Effects

    private func launch(id: EffectID?, body: @escaping @Sendable (ActionSender<Action>) async -> Void) {
        if let id { cancel(id) }
        nextToken += 1
        let token = nextToken
        let queue = self.queue
        let sender = ActionSender<Action> { action in queue.post(.effectAction(token: token, action)) }
        let task = Task.detached {
            await body(sender)
            queue.post(.effectFinished(token: token))
        }
        running[token] = (id, task)
        if let id { tokensByID[id] = token }
    }

    private func cancel(_ id: EffectID) {
        guard let token = tokensByID.removeValue(forKey: id), let entry = running[token] else { return }
        cancelledTokens.insert(token)
        entry.task.cancel()
    }

    // MARK: - Timer

    private func startTimer() {
        guard let interval = options.tickInterval, interval > .zero else { return }
        let clock = self.clock
        let queue = self.queue
        let align = options.alignTicks
        timer = Task.detached {
            let seconds = interval.timeInterval
            while !Task.isCancelled {
                var delay = seconds
                if align {
                    let now = clock.now().timeIntervalSince1970
                    delay = (floor(now / seconds) + 1) * seconds - now
                    if delay < 0.001 { delay += seconds }
                }
                do {
                    try await clock.sleep(for: .nanoseconds(Int64((delay * 1e9).rounded())))
                } catch {
                    return
                }
                queue.post(.tick(clock.now()), coalescingKey: "tick")
            }
        }
    }

    // MARK: - Drawing

    private func render() {
        needsRender = false
        let size = backend.size
        var frame = FrameBuffer(width: size.width, height: size.height)
        var cursor: CursorPosition?
        if size.fits(app.minimumSize) {
            app.view(state, into: &frame, cursor: &cursor)
        } else {
            app.viewTooSmall(state, into: &frame)
        }
        if needsRepaint {
            needsRepaint = false
            backend.invalidate()
        }
        backend.present(frame, cursor: cursor)
        shownHits = frame.hitRegions
    }

    private func finish() {
        timer?.cancel()
        for entry in running.values { entry.task.cancel() }
        running.removeAll()
        tokensByID.removeAll()
        backend.stop()
    }
}
