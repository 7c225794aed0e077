import PodiumCore

/// What the pipeline screen shows: the ledger and the machinery read after it (it reuses the ledger's stacks).
public struct PipelineSnapshot: Sendable, Equatable {
    /// The ledger rows with their flags.
    public var ledger: Ledger
    /// The stacks, trigger rules and workflow runs.
    public var machinery: PipelineMachinery

    /// A snapshot of both.
    public init(ledger: Ledger, machinery: PipelineMachinery) {
        self.ledger = ledger
        self.machinery = machinery
    }
}
