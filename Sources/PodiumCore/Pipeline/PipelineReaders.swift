import Foundation

/// The session's pipeline readers, made on first use and kept, so the caches they hold (endpoint chains by config
/// name, stack events, log cursors) last across the console's refreshes.
final class PipelineReaders: Sendable {
    private let readers = LockedValue<(ledger: LedgerReader, machinery: MachineryReader)?>(nil)

    /// The readers of `session`, made once.
    func readers(of session: PodiumSession) -> (ledger: LedgerReader, machinery: MachineryReader) {
        readers.withLock { kept in
            if let kept { return kept }
            let made = (ledger: LedgerReader(session: session), machinery: MachineryReader(session: session))
            kept = made
            return made
        }
    }
}
