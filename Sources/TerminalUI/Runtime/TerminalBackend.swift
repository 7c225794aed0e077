/// A terminal the runtime draws frames on and reads events from.
///
/// `TerminalNCurses.NCursesTerminal` is the real one; `TestBackend` records frames for tests. A backend
/// keeps the last frame it showed and writes only the cells that changed (`FrameBuffer.diff(from:)`).
public protocol TerminalBackend: AnyObject, Sendable {
    /// The current screen size.
    var size: TerminalSize { get }

    /// The colour depth frames are drawn with (styles are degraded to it by the backend).
    var colorDepth: ColorDepth { get }

    /// Whether the terminal shows Unicode (UTF-8 locale); otherwise ASCII glyphs should be used.
    var supportsUnicode: Bool { get }

    /// Starts delivering events to `sink`; the sink may be called from any thread.
    func start(_ sink: @escaping @Sendable (TerminalEvent) -> Void) throws

    /// Shows `frame`, writing only what differs from the previously shown frame, and places the cursor
    /// (hidden when nil).
    func present(_ frame: FrameBuffer, cursor: CursorPosition?)

    /// Forgets what is on screen so the next `present` repaints every cell.
    func invalidate()

    /// Stops reading events and restores the terminal. Safe to call more than once.
    func stop()

    /// Switches the terminal's mouse reporting on or off while running (a `:reload` that changes `mouse:`);
    /// returns whether it is on afterwards. A backend without a mouse keeps the default: always off.
    func setMouseReporting(_ enabled: Bool) -> Bool
}

extension TerminalBackend {
    /// No mouse: reporting stays off.
    public func setMouseReporting(_ enabled: Bool) -> Bool { false }
}
