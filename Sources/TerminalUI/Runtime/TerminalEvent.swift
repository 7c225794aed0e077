/// What a backend reports to the runtime, from any thread.
public enum TerminalEvent: Hashable, Sendable {
    /// A key, a paste or a resize (`KeyEvent.resize` carries the new size).
    case input(KeyEvent)
    /// A signal asked the process to end.
    case signal(TerminalSignal)
    /// The screen contents may have been lost (e.g. after SIGCONT): draw the whole frame again.
    case redraw
    /// The input stream ended (terminal closed); the runtime quits.
    case inputClosed
}
