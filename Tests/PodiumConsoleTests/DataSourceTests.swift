import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// The refresh table (`DataSource`) and where results land (`Loadable.apply`, `ConsoleState.record`).
@Suite("Data sources")
struct DataSourceTests {
    @Test("the table: what each screen needs, in start order, each source once")
    func wanted() {
        let fresh = Fixtures.state()
        #expect(
            DataSource.wanted(by: fresh) == [
                .identity, .health(environment: "dev"), .health(environment: "prod"), .registry, .audit,
            ])

        var loaded = Fixtures.loadedState()
        #expect(
            DataSource.wanted(by: loaded) == [.health(environment: "dev"), .health(environment: "prod"), .registry],
            "identity is fetched once, the audit log only where it is shown once it is loaded")
        let key = VersionKey(group: "churn", version: 4)
        loaded.stack = [.groups, .versions(group: "churn"), .detail(key)]
        #expect(DataSource.wanted(by: loaded).suffix(2) == [.versions(group: "churn"), .detail(key)])
        loaded.stack = [.activity]
        #expect(DataSource.wanted(by: loaded).last == .audit)

        let watch = Fixtures.loadedState(mode: .watch)
        #expect(DataSource.wanted(by: watch).last == .audit, "the watch wall keeps its activity page fresh")
    }

    @Test("ids, labels and intervals: one per source, as the effects and the status bar use them")
    func columns() {
        let state = Fixtures.loadedState()
        let key = VersionKey(group: "churn", version: 4)
        let sources: [DataSource] = [
            .identity, .health(environment: "prod"), .registry, .versions(group: "churn"), .detail(key), .audit,
        ]
        #expect(
            sources.map(\.id) == ["identity", "health.prod", "registry", "versions.churn", "detail.churn.4", "audit"])
        #expect(sources.map(\.label) == ["identity", "prod", "registry", "churn", "churn v4", "audit log"])
        #expect(
            sources.map { $0.interval(in: state) } == [
                .seconds(15), .seconds(15), .seconds(30), .seconds(30), .seconds(30), .seconds(10),
            ])
    }

    @Test("due: after its interval, at once when forced; a running registry pass is never restarted")
    func due() {
        var state = Fixtures.loadedState()
        let health = DataSource.health(environment: "dev")
        #expect(!health.isDue(in: state, force: false))
        #expect(health.isDue(in: state, force: true))
        state.now = Fixtures.now.addingTimeInterval(15)
        #expect(health.isDue(in: state, force: false))
        #expect(!DataSource.registry.isDue(in: state, force: false))
        state.now = Fixtures.now.addingTimeInterval(30)
        #expect(DataSource.registry.isDue(in: state, force: false))
        DataSource.registry.begin(in: &state)
        #expect(state.groups.inFlight && state.pending.inFlight)
        #expect(!DataSource.registry.isDue(in: state, force: true))
        #expect(DataSource.detail(VersionKey(group: "churn", version: 1)).isDue(in: state, force: false))
    }

    @Test("a detail joins the few kept; the oldest is dropped")
    func detailsKept() {
        var state = Fixtures.loadedState()
        for version in 1...(ConsoleState.detailsKept + 2) {
            DataSource.detail(VersionKey(group: "churn", version: version)).begin(in: &state)
        }
        #expect(state.details.count == ConsoleState.detailsKept)
        #expect(state.details[VersionKey(group: "churn", version: 2)] == nil)
        #expect(state.detailOrder.last == VersionKey(group: "churn", version: ConsoleState.detailsKept + 2))
        DataSource.detail(VersionKey(group: "churn", version: 5)).begin(in: &state)
        #expect(state.detailOrder.last == VersionKey(group: "churn", version: 5), "opened again: newest")
        #expect(state.details.count == ConsoleState.detailsKept)
    }

    @Test("scheduleRefreshes starts one effect per due source, under the source's id, then none until due")
    func schedule() async {
        let service = RecordingService()
        let app = Fixtures.app(service)
        var state = Fixtures.state()
        let effects = app.start(&state)
        #expect(taskIDs(effects) == DataSource.wanted(by: Fixtures.state()).map(\.id))
        #expect(app.scheduleRefreshes(&state, force: false).isEmpty)
        for action in await runEffects(effects) { _ = app.update(&state, action) }
        #expect(state.health["dev"]?.value != nil && state.health["prod"]?.value != nil)
        #expect(state.dashboardCompleteAt == Fixtures.now)
        #expect(state.identity.error == "not stubbed")
        #expect(state.lastErrorSource != nil)
        #expect(service.calls.contains("health dev") && service.calls.contains("identity"))
    }

    @Test("Loadable.apply: a value is stored, an error kept beside the last value, an older answer ignored")
    func apply() {
        var loadable = Loadable<Int>()
        let t0 = Fixtures.now
        #expect(loadable.apply(.success(1), at: t0) == .stored)
        #expect(loadable.value == 1 && loadable.error == nil)
        let t1 = t0.addingTimeInterval(10)
        #expect(loadable.apply(.failure(ConsoleError("refused", unreachable: true)), at: t1) == .failed("refused"))
        #expect(loadable.value == 1 && loadable.error == "refused" && loadable.errorIsUnreachable)
        #expect(loadable.apply(.success(2), at: t1.addingTimeInterval(5), requested: t1) == .stored)
        #expect(loadable.error == nil && !loadable.errorIsUnreachable)
        #expect(loadable.apply(.success(0), at: t1.addingTimeInterval(9), requested: t0) == .ignored)
        #expect(loadable.apply(.failure(ConsoleError("late")), at: t1.addingTimeInterval(9), requested: t0) == .ignored)
        #expect(loadable.value == 2 && loadable.error == nil)
    }

    @Test("record: a failure shows in the status bar with the source's label; only that source's success clears it")
    func record() {
        var state = Fixtures.loadedState()
        let prod = DataSource.health(environment: "prod")
        state.record(.failed("timed out after 20s"), from: prod, at: Fixtures.now)
        #expect(state.lastError?.message == "prod: timed out after 20s")
        #expect(state.lastErrorSource == "health.prod")
        state.record(.stored, from: .registry, at: Fixtures.now)
        state.record(.ignored, from: prod, at: Fixtures.now)
        #expect(state.lastError?.message == "prod: timed out after 20s")
        state.record(.stored, from: prod, at: Fixtures.now)
        #expect(state.lastError == nil && state.lastErrorSource == nil)
    }

    @Test("a detail result for a detail no longer kept is not brought back")
    func evictedDetail() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        let key = VersionKey(group: "churn", version: 1)
        _ = app.update(&state, .detailLoaded(key, .failure(ConsoleError("boom")), at: Fixtures.now))
        #expect(state.details[key] == nil)
        #expect(state.lastError == nil)
    }
}
