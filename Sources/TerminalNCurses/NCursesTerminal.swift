import CNCursesShim
import Foundation
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The ncurses backend: draws only the cells that changed, reads keys on its own thread, handles
/// resizes and signals, and always restores the terminal.
///
/// - Drawing: each frame is diffed against the last one shown (`FrameBuffer.diff(from:)`); only changed
///   runs are written into ncurses' virtual screen, then `wnoutrefresh` + `doupdate` once. The screen is
///   never cleared between frames. Styles become attributes plus an extended colour pair (`ColorPairCache`).
/// - Input: a dedicated thread blocks in `poll()` on the terminal, a signal self-pipe and a wake pipe, so
///   it uses no CPU while idle; it reads keys with `wget_wch` (non-blocking) and decodes them with
///   `KeyDecoder`. Drawing and reading share one lock, as ncurses is not thread-safe.
/// - Signals: SIGINT/SIGTERM/SIGHUP become `TerminalEvent.signal`, SIGWINCH a resize, SIGCONT a repaint.
///   Handlers only write a byte to a pipe. A second SIGINT/SIGTERM while the first is pending restores the
///   terminal and exits at once. `atexit` and fatal-signal handlers restore the terminal too.
public final class NCursesTerminal: TerminalBackend, @unchecked Sendable {
    /// How to set the terminal up.
    public struct Options: Sendable {
        /// Terminal type (nil: `$TERM`).
        public var term: String?
        /// File descriptor to read keys from.
        public var inputFileDescriptor: Int32
        /// File descriptor to draw on.
        public var outputFileDescriptor: Int32
        /// How long ncurses waits after Esc for the rest of an escape sequence, in milliseconds.
        public var escapeDelayMilliseconds: Int
        /// Ask the terminal to bracket pastes (CSI ?2004h), so a paste arrives as one `.paste` event.
        public var bracketedPaste: Bool
        /// Forces a colour depth (still capped to what ncurses can draw on this terminal).
        public var colorDepthOverride: ColorDepth?
        /// Ask the terminal to report the mouse (buttons and wheel) as `KeyEvent.mouse`; off by default, as it
        /// takes the terminal's own selection away (most terminals still select with Shift held).
        public var mouse: Bool
        /// The environment used for colour detection (`NO_COLOR`, `COLORTERM`, `TERM`).
        public var environment: [String: String]

        /// Creates options; the defaults use stdin/stdout and the process environment.
        public init(
            term: String? = nil, inputFileDescriptor: Int32 = 0, outputFileDescriptor: Int32 = 1,
            escapeDelayMilliseconds: Int = 25, bracketedPaste: Bool = true, colorDepthOverride: ColorDepth? = nil,
            environment: [String: String] = ProcessInfo.processInfo.environment, mouse: Bool = false
        ) {
            self.mouse = mouse
            self.term = term
            self.inputFileDescriptor = inputFileDescriptor
            self.outputFileDescriptor = outputFileDescriptor
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
            self.bracketedPaste = bracketedPaste
            self.colorDepthOverride = colorDepthOverride
            self.environment = environment
        }
    }

    /// What the terminal can do, as detected at start-up.
    public struct Capabilities: Sendable, CustomStringConvertible {
        /// terminfo's `colors` (-1 when absent).
        public var terminfoColors: Int
        /// ncurses' COLORS.
        public var colors: Int
        /// ncurses' COLOR_PAIRS.
        public var colorPairs: Int
        /// The depth frames are drawn with.
        public var colorDepth: ColorDepth
        /// Whether the locale is UTF-8.
        public var unicode: Bool
        /// The Esc delay ncurses really uses for this screen, in milliseconds (read back with `get_escdelay`).
        public var escapeDelayMilliseconds: Int = 0
        /// Whether the mouse is reported (asked for with `Options.mouse`, and the terminal has a mouse).
        public var mouse = false

        /// One-line summary.
        public var description: String {
            "terminfo colors \(terminfoColors), COLORS \(colors), COLOR_PAIRS \(colorPairs), depth \(colorDepth), "
                + (unicode ? "UTF-8" : "non-UTF-8") + ", ESCDELAY \(escapeDelayMilliseconds) ms"
                + (mouse ? ", mouse" : "")
        }
    }

    static let watchedSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCONT]

    let lock = NSLock()
    let options: Options
    /// Detected capabilities.
    public let capabilities: Capabilities
    var screenSize: TerminalSize
    var shownFrame: FrameBuffer?
    var shownCursor: CursorPosition?
    var cursorVisible = false
    var pairs: ColorPairCache
    var active = true
    var decoder = KeyDecoder()
    let signalFileDescriptor: Int32
    var wakePipe: [Int32] = [-1, -1]
    var inputThreadDone: DispatchSemaphore?
    var pendingTermination = false
    /// Bytes of statistics: frames presented and cells written (diagnostics, benchmarks).
    var stats = Statistics()
    var diffing = true
    /// Whether the mouse is reported now (`capabilities.mouse` at start; `setMouseReporting` changes it).
    var mouseOn = false

    /// Whether only changed cells are handed to ncurses (the default). When false every cell of every
    /// frame is written into ncurses' virtual screen and only ncurses' own optimisation applies (benchmarks).
    public var writesOnlyChangedCells: Bool {
        get { lock.withLock { diffing } }
        set { lock.withLock { diffing = newValue } }
    }

    /// What has been drawn so far.
    public var statistics: Statistics { lock.withLock { stats } }

    /// Counters of what the backend has drawn.
    public struct Statistics: Sendable {
        /// Frames given to `present`.
        public var frames = 0
        /// Frames that needed no terminal output at all.
        public var unchangedFrames = 0
        /// Cells written into ncurses' virtual screen.
        public var cellsWritten = 0
        /// Colour pairs redefined because the terminal ran out of pairs.
        public var pairEvictions = 0
    }

    /// Sets the terminal up (locale, newterm, raw mode, keypad, colours, ESCDELAY, signal handlers).
    ///
    /// Throws `NCursesError.cannotInitialize` — leaving the terminal untouched — when ncurses cannot use it.
    public init(options: Options = Options()) throws {
        self.options = options
        let unicode = cnc_setlocale_from_environment() == 1
        signalFileDescriptor = NCursesTerminal.watchedSignals.withUnsafeBufferPointer {
            cnc_signal_pipe_install($0.baseAddress, Int32($0.count))
        }
        cnc_install_emergency_restore()
        let started = options.term.withOptionalCString { term in
            cnc_start(
                term, options.inputFileDescriptor, options.outputFileDescriptor,
                Int32(options.escapeDelayMilliseconds), options.bracketedPaste ? 1 : 0)
        }
        guard started == 0 else {
            cnc_signal_pipe_uninstall()
            throw NCursesError.cannotInitialize(term: options.term ?? options.environment["TERM"] ?? "")
        }
        if options.bracketedPaste {
            _ = cnc_define_key("\u{1B}[200~", Int32(KeyDecoder.pasteStartCode))
            _ = cnc_define_key("\u{1B}[201~", Int32(KeyDecoder.pasteEndCode))
        }
        let terminfoColors = Int(cnc_terminfo_colors())
        let colors = Int(cnc_colors())
        let colorPairs = Int(cnc_color_pairs())
        var depth = ColorDepth.detect(environment: options.environment, terminfoColors: max(terminfoColors, 0))
        if let forced = options.colorDepthOverride { depth = forced }
        depth = min(depth, NCursesTerminal.drawableDepth(colors: colors, colorPairs: colorPairs))
        capabilities = Capabilities(
            terminfoColors: terminfoColors, colors: colors, colorPairs: colorPairs, colorDepth: depth, unicode: unicode,
            escapeDelayMilliseconds: Int(cnc_escape_delay()), mouse: options.mouse && cnc_mouse_enable() == 1)
        pairs = ColorPairCache(colorPairs: depth == .mono ? 0 : colorPairs)
        screenSize = TerminalSize(width: Int(cnc_cols()), height: Int(cnc_rows()))
        mouseOn = capabilities.mouse
    }

    /// Switches mouse reporting on (ncurses' `mousemask` for buttons 1-3 and the wheel, as at start with
    /// `Options.mouse`) or off (`mousemask(0)`), under the drawing lock; returns whether it is on afterwards.
    public func setMouseReporting(_ enabled: Bool) -> Bool {
        lock.withLock {
            guard active else { return false }
            if enabled, !mouseOn {
                mouseOn = cnc_mouse_enable() == 1
            } else if !enabled, mouseOn {
                _ = cnc_mouse_disable()
                mouseOn = false
            }
            return mouseOn
        }
    }

    /// The deepest colour depth ncurses can draw with these COLORS / COLOR_PAIRS.
    static func drawableDepth(colors: Int, colorPairs: Int) -> ColorDepth {
        guard colorPairs > 1 else { return .mono }
        switch colors {
        case 0x100_0000...: return .truecolor
        case 256..<0x100_0000: return .c256
        case 16..<256: return .c16
        case 8..<16: return .c8
        default: return .mono
        }
    }

    deinit {
        stop()
    }

    // MARK: - TerminalBackend

    /// The current screen size.
    public var size: TerminalSize { lock.withLock { screenSize } }

    /// The colour depth frames are drawn with.
    public var colorDepth: ColorDepth { capabilities.colorDepth }

    /// Whether the locale is UTF-8 (box drawing and block glyphs can be used).
    public var supportsUnicode: Bool { capabilities.unicode }

    /// Forgets what is on screen: the next frame clears the terminal and repaints every cell.
    public func invalidate() {
        lock.withLock {
            guard active else { return }
            shownFrame = nil
            cnc_invalidate()
        }
    }

    /// Restores the terminal (bracketed paste off, cursor on, `endwin`), stops the input thread and puts the
    /// signal handlers back. Safe to call more than once.
    public func stop() {
        lock.lock()
        let wasActive = active
        active = false
        if wasActive { cnc_stop() }
        let done = inputThreadDone
        inputThreadDone = nil
        lock.unlock()
        guard wasActive else { return }
        if wakePipe[1] >= 0 {
            var byte: UInt8 = 1
            _ = write(wakePipe[1], &byte, 1)
        }
        if let done {
            // The input thread holds the lock only for non-blocking reads, so it ends promptly.
            _ = done.wait(timeout: .now() + .seconds(2))
        }
        for fd in wakePipe where fd >= 0 { close(fd) }
        wakePipe = [-1, -1]
        cnc_signal_pipe_uninstall()
    }
}

extension Optional where Wrapped == String {
    fileprivate func withOptionalCString<R>(_ body: (UnsafePointer<CChar>?) -> R) -> R {
        switch self {
        case .some(let string): return string.withCString { body($0) }
        case .none: return body(nil)
        }
    }
}
