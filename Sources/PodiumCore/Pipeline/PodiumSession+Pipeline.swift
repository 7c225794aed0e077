import Foundation

extension PodiumSession {
    /// The ledger now (one row per group × environment with its flags), read by the session's `LedgerReader`,
    /// which caches what does not change between calls.
    public func ledger() async -> Ledger {
        await pipelineReaders.readers(of: self).ledger.ledger()
    }

    /// The deployment machinery for the stacks `ledger` described, read by the session's `MachineryReader` (stack
    /// events only for stacks that changed since the last call).
    public func machinery(ledger: Ledger) async -> PipelineMachinery {
        await pipelineReaders.readers(of: self).machinery.machinery(ledger: ledger)
    }
}
