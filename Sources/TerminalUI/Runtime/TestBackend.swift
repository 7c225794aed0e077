import Foundation

/// A headless backend that records every frame it is shown: for unit tests of apps and of the runtime.
///
/// Like a real backend it keeps the last frame and computes the diff of each new one, so tests can
/// check what a terminal would have been sent. Tests inject events with `send`/`press`/`resize` and wait
/// for frames with `waitForPresentation` (event-driven, with a deadline; never a sleep).
public final class TestBackend: TerminalBackend, @unchecked Sendable {
    /// One call of `present`.
    public struct Presentation: Sendable {
        /// The frame shown.
        public var frame: FrameBuffer
        /// The cursor shown (nil when hidden).
        public var cursor: CursorPosition?
        /// The runs of cells a terminal backend would have written.
        public var changes: [FrameChange]
        /// Whether every cell was written (first frame, resize, or after `invalidate`).
        public var isFullRepaint: Bool

        /// Number of cells written.
        public var changedCellCount: Int { changes.reduce(0) { $0 + $1.cells.count } }
    }

    /// Thrown by the waiting methods when the deadline passes first.
    public struct TimeoutError: Error, CustomStringConvertible {
        /// What was awaited.
        public var description: String
    }

    private let lock = NSLock()
    private var currentSize: TerminalSize
    private var sink: (@Sendable (TerminalEvent) -> Void)?
    private var pendingEvents: [TerminalEvent] = []
    private var recorded: [Presentation] = []
    private var shown: FrameBuffer?
    private var started = false
    private var stopped = false
    private var waiters:
        [UInt64: (predicate: ([Presentation]) -> Bool, continuation: CheckedContinuation<Bool, Never>)] =
            [:]
    private var nextWaiter: UInt64 = 0
    private var expiredWaiters: Set<UInt64> = []
    private var mouseRequests: [Bool] = []

    /// The colour depth reported to the app.
    public let colorDepth: ColorDepth
    /// Whether Unicode glyphs are reported as available.
    public let supportsUnicode: Bool

    /// Creates a backend of the given size.
    public init(width: Int = 80, height: Int = 24, colorDepth: ColorDepth = .c256, supportsUnicode: Bool = true) {
        self.currentSize = TerminalSize(width: width, height: height)
        self.colorDepth = colorDepth
        self.supportsUnicode = supportsUnicode
    }

    // MARK: - TerminalBackend

    /// The current (simulated) size.
    public var size: TerminalSize { lock.withLock { currentSize } }

    /// Starts delivering events; events sent before this are delivered now, in order.
    public func start(_ sink: @escaping @Sendable (TerminalEvent) -> Void) throws {
        lock.lock()
        self.sink = sink
        started = true
        let pending = pendingEvents
        pendingEvents = []
        lock.unlock()
        for event in pending { sink(event) }
    }

    /// Records the frame and the diff against the previous one.
    public func present(_ frame: FrameBuffer, cursor: CursorPosition?) {
        lock.lock()
        let full = shown == nil || shown?.width != frame.width || shown?.height != frame.height
        let changes = shown.map { frame.diff(from: $0) } ?? frame.fullFrame()
        shown = frame
        recorded.append(Presentation(frame: frame, cursor: cursor, changes: changes, isFullRepaint: full))
        let snapshot = recorded
        var ready: [CheckedContinuation<Bool, Never>] = []
        for (key, waiter) in waiters where waiter.predicate(snapshot) {
            ready.append(waiter.continuation)
            waiters[key] = nil
        }
        lock.unlock()
        for continuation in ready { continuation.resume(returning: true) }
    }

    /// Forgets the shown frame; the next one is a full repaint.
    public func invalidate() {
        lock.withLock { shown = nil }
    }

    /// Records the request and reports it granted (a test terminal has a mouse).
    public func setMouseReporting(_ enabled: Bool) -> Bool {
        lock.withLock { mouseRequests.append(enabled) }
        return enabled
    }

    /// Every `setMouseReporting` request, in order.
    public var mouseReportingRequests: [Bool] { lock.withLock { mouseRequests } }

    /// Marks the backend stopped; later events are dropped.
    public func stop() {
        lock.withLock {
            stopped = true
            sink = nil
        }
    }

    // MARK: - Driving

    /// Sends an event to the runtime (queued until `start`).
    public func send(_ event: TerminalEvent) {
        lock.lock()
        guard !stopped else {
            lock.unlock()
            return
        }
        guard let sink else {
            pendingEvents.append(event)
            lock.unlock()
            return
        }
        lock.unlock()
        sink(event)
    }

    /// Presses a key.
    public func press(_ key: Key) { send(.input(.key(key))) }

    /// Types each character of `text` as a key press.
    public func type(_ text: String) {
        for character in text { press(.char(character)) }
    }

    /// Changes the size, as a terminal resize would, and reports it.
    public func resize(width: Int, height: Int) {
        lock.withLock { currentSize = TerminalSize(width: width, height: height) }
        send(.input(.resize(width: width, height: height)))
    }

    // MARK: - Inspecting

    /// Every presentation so far, oldest first.
    public var presentations: [Presentation] { lock.withLock { recorded } }

    /// The frame on screen now.
    public var screen: FrameBuffer? { lock.withLock { shown ?? recorded.last?.frame } }

    /// The text of the screen, one string per row.
    public var screenLines: [String] { screen?.textLines() ?? [] }

    /// Whether `start` has been called.
    public var isStarted: Bool { lock.withLock { started } }

    /// Whether `stop` has been called.
    public var isStopped: Bool { lock.withLock { stopped } }

    /// Waits until the recorded presentations satisfy `predicate`, or throws `TimeoutError` at the deadline.
    public func waitForPresentations(
        timeout: Duration = .seconds(30), _ description: String = "presentations",
        where predicate: @escaping ([Presentation]) -> Bool
    ) async throws {
        guard let key = registrationKey(unlessSatisfied: predicate) else { return }
        let deadline = Task.detached { [weak self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self?.expireWaiter(key)
        }
        defer { deadline.cancel() }
        let satisfied = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            register(key, predicate: predicate, continuation: continuation)
        }
        if !satisfied { throw TimeoutError(description: "timed out after \(timeout) waiting for \(description)") }
    }

    /// Waits until at least `count` frames have been presented.
    public func waitForPresentation(count: Int, timeout: Duration = .seconds(30)) async throws {
        try await waitForPresentations(timeout: timeout, "\(count) presentations") { $0.count >= count }
    }

    /// Waits until the screen contains `text`.
    public func waitForScreen(containing text: String, timeout: Duration = .seconds(30)) async throws {
        try await waitForPresentations(timeout: timeout, "screen containing \"\(text)\"") { presentations in
            presentations.last?.frame.textLines().contains { $0.contains(text) } ?? false
        }
    }

    private func registrationKey(unlessSatisfied predicate: ([Presentation]) -> Bool) -> UInt64? {
        lock.withLock {
            if predicate(recorded) { return nil }
            nextWaiter += 1
            return nextWaiter
        }
    }

    private func register(
        _ key: UInt64, predicate: @escaping ([Presentation]) -> Bool, continuation: CheckedContinuation<Bool, Never>
    ) {
        lock.lock()
        if predicate(recorded) {
            lock.unlock()
            continuation.resume(returning: true)
            return
        }
        if expiredWaiters.remove(key) != nil {
            lock.unlock()
            continuation.resume(returning: false)
            return
        }
        waiters[key] = (predicate, continuation)
        lock.unlock()
    }

    private func expireWaiter(_ key: UInt64) {
        lock.lock()
        let waiter = waiters.removeValue(forKey: key)
        if waiter == nil { expiredWaiters.insert(key) }
        lock.unlock()
        waiter?.continuation.resume(returning: false)
    }
}
