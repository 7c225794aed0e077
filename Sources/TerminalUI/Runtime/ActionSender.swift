/// Posts actions from a running effect back to the runtime (they are dropped once the effect is cancelled).
public struct ActionSender<Action: Sendable>: Sendable {
    private let post: @Sendable (Action) -> Void

    /// Creates a sender that calls `post` for each action.
    public init(_ post: @escaping @Sendable (Action) -> Void) { self.post = post }

    /// Posts an action, unless the calling task has been cancelled.
    public func callAsFunction(_ action: Action) {
        guard !Task.isCancelled else { return }
        post(action)
    }
}
