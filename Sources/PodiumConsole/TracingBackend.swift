import Foundation
import PodiumCore
import TerminalUI

/// Forwards to a real backend and notes when the first frame was shown (`PODIUM_CONSOLE_TRACE`), for the
/// time-to-first-frame measurement. Adds nothing else.
final class TracingBackend: TerminalBackend, @unchecked Sendable {
    private let base: any TerminalBackend
    private let launchedAt: Date
    private let lock = NSLock()
    private var firstFrameAt: Date?
    private var frames = 0

    init(wrapping base: any TerminalBackend, launchedAt: Date) {
        self.base = base
        self.launchedAt = launchedAt
    }

    var size: TerminalSize { base.size }
    var colorDepth: ColorDepth { base.colorDepth }
    var supportsUnicode: Bool { base.supportsUnicode }

    func start(_ sink: @escaping @Sendable (TerminalEvent) -> Void) throws { try base.start(sink) }

    func present(_ frame: FrameBuffer, cursor: CursorPosition?) {
        base.present(frame, cursor: cursor)
        lock.withLock {
            frames += 1
            if firstFrameAt == nil { firstFrameAt = Date() }
        }
    }

    func invalidate() { base.invalidate() }
    func stop() { base.stop() }
    func setMouseReporting(_ enabled: Bool) -> Bool { base.setMouseReporting(enabled) }

    /// Writes `first_frame_ms`, `dashboard_complete_ms` and `frames`, one per line.
    func write(to path: String, dashboardCompleteAt: Date?) {
        let (first, count) = lock.withLock { (firstFrameAt, frames) }
        func ms(_ date: Date?) -> String {
            date.map { String(format: "%.1f", $0.timeIntervalSince(launchedAt) * 1000) } ?? "none"
        }
        let text = "first_frame_ms \(ms(first))\ndashboard_complete_ms \(ms(dashboardCompleteAt))\nframes \(count)\n"
        // Private (0600), and a symlink at `path` is replaced, never followed.
        try? SecureFile.writeAtomically(Data(text.utf8), to: path)
    }
}
