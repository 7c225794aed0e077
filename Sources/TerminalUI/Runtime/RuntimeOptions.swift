/// How `TerminalRuntime` runs an app.
public struct RuntimeOptions: Sendable {
    /// Interval of the timer tick (`TerminalApp.tickAction`); nil for no timer.
    public var tickInterval: Duration?
    /// Align ticks to multiples of the interval in wall time (a clock then changes on the second).
    public var alignTicks: Bool
    /// Quit on Ctrl-C when the app maps it to no action.
    public var interruptKeyQuits: Bool

    /// Creates options.
    public init(tickInterval: Duration? = nil, alignTicks: Bool = true, interruptKeyQuits: Bool = true) {
        self.tickInterval = tickInterval
        self.alignTicks = alignTicks
        self.interruptKeyQuits = interruptKeyQuits
    }
}
