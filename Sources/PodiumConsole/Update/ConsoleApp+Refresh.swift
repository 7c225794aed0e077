import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// Starts the fetches that are due (or, with `force`, every fetch the current screen shows): the rows of the
    /// data-source table (`DataSource.wanted(by:)`) whose interval has passed.
    ///
    /// Each source has its own effect id, so a forced refresh replaces a running fetch instead of doubling it.
    func scheduleRefreshes(_ state: inout ConsoleState, force: Bool) -> [Effect<ConsoleAction>] {
        DataSource.wanted(by: state).flatMap { source in
            source.isDue(in: state, force: force) ? start(source, &state) : []
        }
    }

    /// Starts loading a version's detail (and bounds how many details are kept).
    func loadDetail(_ state: inout ConsoleState, _ key: VersionKey) -> [Effect<ConsoleAction>] {
        start(.detail(key), &state)
    }

    /// Marks a source's fetch as started and returns the effect that runs it.
    func start(_ source: DataSource, _ state: inout ConsoleState) -> [Effect<ConsoleAction>] {
        source.begin(in: &state)
        return [source.fetch(from: service, clock: clock, timeout: state.options.fetchTimeout, requested: state.now)]
    }
}

extension ConsoleApp {
    // MARK: - Describe on scroll

    /// Describes the summary-only rows near the cursor (a page either way), once each. Each batch has its own effect
    /// id: a later scroll must not cancel a batch whose rows are already marked as asked for. A batch is at most two
    /// pages, and AWSCore's request limiter bounds what runs at once.
    func describeRowsInView(_ state: inout ConsoleState) -> [Effect<ConsoleAction>] {
        let rows = state.rowsToDescribe()
        guard !rows.isEmpty else { return [] }
        state.noteDescribeRequested(rows)
        let service = self.service
        return [
            .task(id: EffectID("describe.rows." + rows[0].arn)) { .rowsDescribed(await service.withDetails(rows)) }
        ]
    }
}
