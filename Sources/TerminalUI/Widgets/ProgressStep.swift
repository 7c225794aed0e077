/// One step of a long operation shown in a `ProgressPane`.
public struct ProgressStep: Hashable, Sendable {
    /// The state of a step.
    public enum State: Hashable, Sendable {
        /// Not started.
        case pending
        /// In progress (animated spinner).
        case running
        /// Finished well.
        case done
        /// Failed.
        case failed
        /// Not needed.
        case skipped
    }

    /// What the step does (`UpdateEndpoint`, `Wait for InService`).
    public var label: String
    /// Its state.
    public var state: State
    /// Extra text (status, reason), dimmed after the label.
    public var detail: String

    /// Creates a step.
    public init(_ label: String, state: State = .pending, detail: String = "") {
        self.label = label
        self.state = state
        self.detail = detail
    }
}
