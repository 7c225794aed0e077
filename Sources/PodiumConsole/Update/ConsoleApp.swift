import Foundation
import PodiumCore
import TerminalUI

/// The operator console and the watch mode, as a `TerminalApp`: one state value, one `update`, effects for
/// every network call, and a view drawn purely from the state.
public struct ConsoleApp: TerminalApp {
    /// The state.
    public typealias State = ConsoleState
    /// The actions.
    public typealias Action = ConsoleAction

    /// The domain calls (a `PodiumSession`).
    public let service: any ConsoleService
    /// The clock effects stamp their results with (the runtime's clock).
    public let clock: any RuntimeClock
    /// Finds themes for `:theme`.
    public let themeLoader: ThemeLoader
    /// Theme names offered by `:theme` completion (found once, at start).
    public let themeNames: [String]

    /// How often the runtime sends `.tick` (refreshes start on ticks, within half a tick of their due time).
    public static let tickInterval: Duration = .seconds(1)

    /// Creates the app.
    public init(
        service: any ConsoleService, clock: any RuntimeClock = SystemRuntimeClock(), themeLoader: ThemeLoader,
        themeNames: [String]? = nil
    ) {
        self.service = service
        self.clock = clock
        self.themeLoader = themeLoader
        self.themeNames = themeNames ?? themeLoader.availableNames()
    }

    /// Small terminals still get a usable (compact) layout.
    public var minimumSize: TerminalSize { TerminalSize(width: 50, height: 14) }

    /// First loads: everything the start screen needs, started before the first frame is drawn.
    public func start(_ state: inout ConsoleState) -> [Effect<ConsoleAction>] {
        scheduleRefreshes(&state, force: false)
    }

    /// Keys and pastes become `.input`, resizes `.resize`: all handling happens in `update`. Ctrl-C is left
    /// to the runtime, which quits and restores the terminal: the operator's escape hatch on every screen.
    public func keyAction(for event: KeyEvent, state: ConsoleState) -> ConsoleAction? {
        if case .resize(let width, let height) = event { return .resize(TerminalSize(width: width, height: height)) }
        if event == .key(.ctrl("c")) { return nil }
        return .input(event)
    }

    /// Each tick moves the clock, expires toasts, rotates pages and starts due refreshes.
    public func tickAction(at date: Date, state: ConsoleState) -> ConsoleAction? { .tick(date) }

    /// Draws the state.
    public func view(_ state: ConsoleState, into frame: inout FrameBuffer, cursor: inout CursorPosition?) {
        ConsoleView(state: state).render(into: &frame, cursor: &cursor)
    }
}
