/// Work that `update` asks the runtime to do: async tasks that post actions back, cancellation, quit.
///
/// Effects are values; the runtime runs `.task`/`.run` bodies in detached tasks, so `update` and the
/// render path never wait for them (network calls belong here).
public struct Effect<Action: Sendable>: Sendable {
    /// What the runtime does with an effect.
    public enum Operation: Sendable {
        /// Run `body` in a new task; a running effect with the same id is cancelled first.
        case run(id: EffectID?, body: @Sendable (ActionSender<Action>) async -> Void)
        /// Cancel the running effect with this id (its later actions are dropped).
        case cancel(EffectID)
        /// Post an action right after the current one (processed in the same batch, before rendering).
        case send(Action)
        /// Draw the whole screen again on the next frame (e.g. after a theme change).
        case repaint
        /// End the run loop.
        case quit
        /// Switch the terminal's mouse reporting on or off (bubbletea's EnableMouse / DisableMouse commands).
        case mouseReporting(Bool)
    }

    /// The operation.
    public let operation: Operation

    /// Creates an effect from an operation.
    public init(_ operation: Operation) { self.operation = operation }

    /// An async task whose result (if any) is posted back as an action.
    public static func task(
        id: EffectID? = nil, _ work: @escaping @Sendable () async -> Action?
    ) -> Effect {
        Effect(
            .run(id: id) { send in
                if let action = await work() { send(action) }
            })
    }

    /// An async task that may post any number of actions (progress, streams of pages).
    public static func run(
        id: EffectID? = nil, _ body: @escaping @Sendable (ActionSender<Action>) async -> Void
    ) -> Effect {
        Effect(.run(id: id, body: body))
    }

    /// Cancels the running effect with `id`.
    public static func cancel(_ id: EffectID) -> Effect { Effect(.cancel(id)) }

    /// Posts `action` right after the current one.
    public static func send(_ action: Action) -> Effect { Effect(.send(action)) }

    /// Repaints every cell on the next frame.
    public static var repaint: Effect { Effect(.repaint) }

    /// Ends the run loop.
    public static var quit: Effect { Effect(.quit) }

    /// Switches the terminal's mouse reporting on or off.
    public static func mouseReporting(_ enabled: Bool) -> Effect { Effect(.mouseReporting(enabled)) }
}
