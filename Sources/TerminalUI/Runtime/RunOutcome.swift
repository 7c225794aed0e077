/// How a run ended, with the final state.
public struct RunOutcome<State: Sendable>: Sendable {
    /// Why the loop ended.
    public enum Reason: Hashable, Sendable {
        /// The app returned `Effect.quit`.
        case quit
        /// Ctrl-C with no app action for it (`RuntimeOptions.interruptKeyQuits`).
        case interruptKey
        /// SIGINT, SIGTERM or SIGHUP.
        case signal(TerminalSignal)
        /// The terminal's input ended.
        case inputClosed
    }

    /// The state when the loop ended.
    public var state: State
    /// Why it ended.
    public var reason: Reason

    /// Creates an outcome.
    public init(state: State, reason: Reason) {
        self.state = state
        self.reason = reason
    }

    /// The process exit status that fits the reason (0, or 128 + signal number).
    public var exitStatus: Int32 {
        switch reason {
        case .quit, .interruptKey, .inputClosed: return 0
        case .signal(let signal): return signal.exitStatus
        }
    }
}
