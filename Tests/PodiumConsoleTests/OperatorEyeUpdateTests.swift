import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// Issue 17 in the update function: results delivered out of order, errors that outlive recovery, and the
/// promote picker following the gates.
@Suite("Operator's eye: update")
struct OperatorEyeUpdateTests {
    static let config = Fixtures.config()

    /// Health of dev where churn-dev runs `version` (nil: the false state of the race, `unknown model`).
    static func devHealth(version: Int?, problem: String? = nil) -> EnvironmentHealth {
        var health = Fixtures.health(config, env: "dev")
        health.endpoints[0].deployment.version = version
        health.endpoints[0].deployment.group = version == nil ? nil : "churn"
        health.endpoints[0].deployment.problem = problem
        return health
    }

    @Test("an older health result landing after a newer one never replaces it (item 1)")
    func olderHealthResultNeverReplacesNewer() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        let t0 = Fixtures.now.addingTimeInterval(20)
        let t1 = Fixtures.now.addingTimeInterval(25)
        // The newer request (after the promotion) answers first: churn-dev runs v5.
        _ = app.update(
            &state,
            .healthLoaded(
                environment: "dev", .success(Self.devHealth(version: 5)), at: t1.addingTimeInterval(1), requested: t1))
        // The older request (started before the promotion finished) lands after it.
        _ = app.update(
            &state,
            .healthLoaded(
                environment: "dev",
                .success(Self.devHealth(version: nil, problem: "cannot follow endpoint config churn-dev-v5-abc")),
                at: t1.addingTimeInterval(2), requested: t0))
        #expect(state.health["dev"]?.value?.endpoints[0].deployment.version == 5)
        #expect(state.health["dev"]?.value?.endpoints[0].deployment.problem == nil)
        #expect(state.health["dev"]?.lastSuccess == t1.addingTimeInterval(1))
        // Nor does an older failure mark the newer data as failing.
        _ = app.update(
            &state,
            .healthLoaded(
                environment: "dev", .failure(ConsoleError("timed out after 20s")), at: t1.addingTimeInterval(3),
                requested: t0))
        #expect(state.health["dev"]?.isFailing == false)
        #expect(state.lastError == nil)
        // A newer result does replace it.
        let t2 = t1.addingTimeInterval(15)
        _ = app.update(
            &state, .healthLoaded(environment: "dev", .success(Self.devHealth(version: 6)), at: t2, requested: t2))
        #expect(state.health["dev"]?.value?.endpoints[0].deployment.version == 6)
    }

    @Test("a slow fetch that outlives a forced one does not end the forced one's in-flight mark")
    func olderResultDoesNotEndNewerFetch() {
        var loadable = Loadable<Int>()
        loadable.begin(at: Fixtures.now)
        loadable.begin(at: Fixtures.now.addingTimeInterval(5))
        let first = loadable.succeed(1, at: Fixtures.now.addingTimeInterval(6), requested: Fixtures.now)
        #expect(first)
        #expect(loadable.inFlight)
        let second = loadable.succeed(
            2, at: Fixtures.now.addingTimeInterval(7), requested: Fixtures.now.addingTimeInterval(5))
        #expect(second)
        #expect(!loadable.inFlight)
        let late = loadable.succeed(
            3, at: Fixtures.now.addingTimeInterval(8), requested: Fixtures.now.addingTimeInterval(1))
        #expect(!late)
        #expect(loadable.value == 2)
    }

    @Test("the status bar's error clears when its source next succeeds, and stays while another source fails (item 8)")
    func errorClearsOnRecovery() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 160, height: 30)
        let failedAt = Fixtures.now.addingTimeInterval(20)
        _ = app.update(
            &state,
            .healthLoaded(
                environment: "dev", .failure(ConsoleError("timed out after 20s")), at: failedAt, requested: failedAt))
        #expect(state.lastError?.message == "dev: timed out after 20s")
        #expect(Fixtures.render(state).textLines().joined().contains("✗ dev: timed out"))
        // Another source succeeding does not clear it.
        _ = app.update(
            &state,
            .registryLoaded(
                .success(RegistrySnapshot(groups: Fixtures.groups, pending: Fixtures.pending)),
                at: failedAt.addingTimeInterval(1), requested: failedAt))
        #expect(state.lastError?.message == "dev: timed out after 20s")
        // dev recovering does.
        let recovered = failedAt.addingTimeInterval(15)
        _ = app.update(
            &state,
            .healthLoaded(environment: "dev", .success(Self.devHealth(version: 4)), at: recovered, requested: recovered)
        )
        #expect(state.lastError == nil)
        #expect(!Fixtures.render(state).textLines().joined().contains("timed out"))
    }

    @Test("the picker's cursor starts on the first enabled target, and a refresh re-asks every gate (item 7)")
    func pickerFollowsGates() async {
        let service = RecordingService()
        let app = Fixtures.app(service)
        var state = Fixtures.loadedState()
        state.overlay = .promotePicker(
            PromotePicker(
                key: VersionKey(group: "churn", version: 4),
                targets: [
                    .init(environment: "prod", endpoint: "churn-prod"),
                    .init(environment: "dev", endpoint: "churn-dev"),
                ]))
        let key = VersionKey(group: "churn", version: 4)
        _ = app.update(
            &state,
            .targetPlanned(
                key, environment: "prod", endpoint: "churn-prod",
                .success(samplePlan(blockers: ["gate: needs 30m in dev"]))))
        _ = app.update(
            &state,
            .targetPlanned(
                key, environment: "dev", endpoint: "churn-dev",
                .success(samplePlan(environment: "dev", endpoint: "churn-dev", confirm: .yes))))
        guard case .promotePicker(let picker) = state.overlay else {
            Issue.record("picker closed")
            return
        }
        #expect(picker.cursor == 1)
        // A health refresh re-asks the plan of every target; the gate opening enables prod.
        let effects = app.update(
            &state,
            .healthLoaded(
                environment: "dev", .success(Self.devHealth(version: 4)), at: Fixtures.now.addingTimeInterval(15),
                requested: Fixtures.now.addingTimeInterval(15)))
        #expect(Set(taskIDs(effects)) == ["plan.prod.churn-prod", "plan.dev.churn-dev"])
        service.planResult = .success(samplePlan())
        for action in await runEffects(effects) { _ = app.update(&state, action) }
        guard case .promotePicker(let updated) = state.overlay else {
            Issue.record("picker closed")
            return
        }
        #expect(updated.targets[0].disabledReason == nil)
    }
}
