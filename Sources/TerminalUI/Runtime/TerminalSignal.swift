/// A process signal that asks the app to end, delivered as an event (never handled in signal context).
public enum TerminalSignal: Hashable, Sendable {
    /// SIGINT (e.g. `kill -INT`; Ctrl-C arrives as a key in raw mode).
    case interrupt
    /// SIGTERM.
    case terminate
    /// SIGHUP: the terminal went away.
    case hangup

    /// The conventional exit status for a process ended by this signal (128 + signal number).
    public var exitStatus: Int32 {
        switch self {
        case .interrupt: return 130
        case .terminate: return 143
        case .hangup: return 129
        }
    }
}
