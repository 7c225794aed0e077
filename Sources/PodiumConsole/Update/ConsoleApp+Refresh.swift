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
