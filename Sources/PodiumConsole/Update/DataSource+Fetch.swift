import Foundation
import PodiumCore
import TerminalUI

extension DataSource {
    /// The effect that loads the source and posts its result (stamped with the clock and the request time) as
    /// the source's action. Each runs under a time limit: `Deadline`, or for the registry pass, which can
    /// outlast any fixed limit at scale, `ProgressDeadline` (it fails only when it stops making progress).
    func fetch(
        from service: any ConsoleService, clock: any RuntimeClock, timeout: Duration, requested: Date
    ) -> Effect<ConsoleAction> {
        let id = EffectID(self.id)
        func load<T: Sendable>(
            _ operation: @escaping @Sendable () async throws -> T,
            _ action: @escaping @Sendable (Result<T, ConsoleError>, Date) -> ConsoleAction
        ) -> Effect<ConsoleAction> {
            .task(id: id) {
                let result = await Deadline.run(limit: timeout, clock: clock, operation)
                return action(result, clock.now())
            }
        }
        switch self {
        case .identity:
            return load({ try await service.registryCallerIdentity() }) {
                .identityLoaded($0, at: $1, requested: requested)
            }
        case .health(let environment):
            return load({ try await service.health(environment: environment, window: nil) }) {
                .healthLoaded(environment: environment, $0, at: $1, requested: requested)
            }
        case .registry:
            return .run(id: id) { send in
                let result = await ProgressDeadline.run(stall: timeout, clock: clock) { madeProgress in
                    try await service.registryOverview(
                        newestDecidedPerGroup: DescribeBudget.activityNewestDecidedPerGroup,
                        describedPending: DescribeBudget.rowsPerScreen
                    ) { progress in
                        madeProgress()
                        send(.registryProgress(progress, requested: requested))
                    }
                }
                send(.registryLoaded(result, at: clock.now(), requested: requested))
            }
        case .versions(let group):
            return load({ try await service.versions(group: group, describingNewest: DescribeBudget.rowsPerScreen) }) {
                .versionsLoaded(group: group, $0, at: $1, requested: requested)
            }
        case .detail(let key):
            return load({ try await service.versionDetail(group: key.group, version: key.version) }) {
                .detailLoaded(key, $0, at: $1, requested: requested)
            }
        case .pipeline:
            return load({
                let ledger = try await service.ledger()
                return PipelineSnapshot(ledger: ledger, machinery: try await service.machinery(ledger: ledger))
            }) { .pipelineLoaded($0, at: $1, requested: requested) }
        case .logs(let environment, let endpoint, let restart):
            return load({
                try await service.endpointLogs(environment: environment, endpoint: endpoint, restart: restart)
            }) {
                .logLinesLoaded(environment: environment, endpoint: endpoint, $0, at: $1, requested: requested)
            }
        case .audit:
            return load({ try await service.teamAuditPage(limit: 200) }) { result, at in
                .auditLoaded(
                    result.map(\.records), at: at, requested: requested,
                    unreadable: (try? result.get())?.unreadable ?? 0, teamError: (try? result.get())?.teamError)
            }
        }
    }
}
