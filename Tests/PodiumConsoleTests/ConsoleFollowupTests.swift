import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

@Suite("Console follow-up fixes (B2 refresh cadence, plan alarms, already-running targets)")
struct ConsoleFollowupTests {
    @Test("isDue: a check within the tolerance of the due time counts as due; earlier checks do not")
    func isDueTolerance() {
        var loadable = Loadable<Int>()
        loadable.begin(at: Fixtures.now)
        loadable.succeed(1, at: Fixtures.now.addingTimeInterval(0.2))
        let early = Fixtures.now.addingTimeInterval(1.995)
        #expect(!loadable.isDue(now: early, interval: .seconds(2), timeout: .seconds(20)))
        #expect(loadable.isDue(now: early, interval: .seconds(2), timeout: .seconds(20), tolerance: .milliseconds(500)))
        let tooEarly = Fixtures.now.addingTimeInterval(1.4)
        #expect(
            !loadable.isDue(now: tooEarly, interval: .seconds(2), timeout: .seconds(20), tolerance: .milliseconds(500)))
        // A running fetch is only overdue after timeout + interval, with the same tolerance.
        loadable.begin(at: Fixtures.now)
        #expect(
            !loadable.isDue(
                now: Fixtures.now.addingTimeInterval(2), interval: .seconds(2), timeout: .seconds(20),
                tolerance: .milliseconds(500)))
        #expect(
            loadable.isDue(
                now: Fixtures.now.addingTimeInterval(21.6), interval: .seconds(2), timeout: .seconds(20),
                tolerance: .milliseconds(500)))
    }

    @Test("B2: watch --refresh 2s with 1 s ticks that drift a few ms early refreshes every 2 s, not every 3 s")
    func refreshEveryTwoSecondsWithEarlyTicks() {
        let app = Fixtures.app()
        var state = Fixtures.state(options: ConsoleOptions(mode: .watch, refresh: .seconds(2)))
        var healthStarts: [Double] = []
        var registryStarts: [Double] = []
        var effects = app.start(&state)
        // The runtime's ticks: nominally 1 s apart, each landing 3 ms early relative to the previous fetch start
        // (the tick that started it was stamped later than the schedule) — what B2 saw.
        for second in 0...16 {
            let offset = second == 0 ? 0 : Double(second) - 0.003
            let date = Fixtures.now.addingTimeInterval(offset)
            if second > 0 { effects = app.update(&state, .tick(date)) }
            let ids = taskIDs(effects)
            if ids.contains("health.prod") { healthStarts.append(offset) }
            if ids.contains("registry") { registryStarts.append(offset) }
            // Every fetch finishes at once (the injected tick dates are the only clock).
            Self.finishFetches(&state, at: date)
        }
        let gaps = zip(healthStarts.dropFirst(), healthStarts).map { ($0 - $1).rounded() }
        #expect(healthStarts.count == 9, "health fetches started at \(healthStarts)")
        #expect(gaps.allSatisfy { $0 == 2 }, "gaps \(gaps)")
        #expect(registryStarts.count == 9, "registry fetches started at \(registryStarts)")
        // A tick in between never starts a fetch early.
        #expect(!healthStarts.contains { abs($0 - 1) < 0.01 })
    }

    /// Completes every running fetch at `date`.
    static func finishFetches(_ state: inout ConsoleState, at date: Date) {
        for env in state.config.environments where state.health[env.name]?.inFlight == true {
            state.health[env.name]?.succeed(Fixtures.health(state.config, env: env.name), at: date)
        }
        if state.groups.inFlight { state.groups.succeed(Fixtures.groups, at: date) }
        if state.pending.inFlight { state.pending.succeed(Fixtures.pending, at: date) }
        if state.audit.inFlight { state.audit.succeed([], at: date) }
        if state.identity.inFlight { state.identity.fail("not stubbed", at: date) }
    }

    @Test("the plan pane shows the auto-rollback alarms and the endpoint's configured alarms, each labelled")
    func planShowsAlarmsThatApply() {
        let config = Fixtures.config()
        // No auto-rollback alarms, but the endpoint lists alarms (fraud-detector-prod in the demo config).
        var plan = samplePlan(endpoint: "churn-prod")
        plan.alarms = []
        let endpointAlarms = ConsoleApp.endpointAlarms(for: plan, config: config)
        #expect(endpointAlarms == ["churn-prod-5xx"])
        let text = ConsoleApp.planText(plan, endpointAlarms: endpointAlarms)
        #expect(!text.contains("alarms: none"))
        #expect(text.contains("alarms (endpoint, watched only; no auto-rollback alarms): churn-prod-5xx"))
        // Both kinds: rollback alarms first, endpoint alarms not repeated.
        plan.alarms = ["prod-canary-5xx", "churn-prod-5xx"]
        let both = ConsoleApp.alarmLines(plan, endpointAlarms: ["churn-prod-5xx", "churn-prod-latency-p99"])
        #expect(
            both == [
                "alarms (auto-rollback): prod-canary-5xx, churn-prod-5xx",
                "alarms (endpoint, watched only): churn-prod-latency-p99",
            ])
        // Neither (fraud-prod lists no alarms and the plan has none): still says so.
        var fraud = samplePlan(endpoint: "fraud-prod")
        fraud.alarms = []
        #expect(
            ConsoleApp.planText(fraud, endpointAlarms: ConsoleApp.endpointAlarms(for: fraud, config: config))
                .contains("alarms: none"))
    }

    @Test("the confirmation of a promotion lists the endpoint's configured alarms from the config")
    func confirmationCarriesEndpointAlarms() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        state.versions["churn"] = Loadable()
        state.versions["churn"]?.succeed([Fixtures.version("churn", 4, status: "Approved")], at: Fixtures.now)
        state.stack = [.groups, .versions(group: "churn")]
        press(app, &state, .char("p"))
        var plan = samplePlan()
        plan.alarms = []
        let key = VersionKey(group: "churn", version: 4)
        _ = app.update(&state, .targetPlanned(key, environment: "prod", endpoint: "churn-prod", .success(plan)))
        press(app, &state, .down, .enter)
        guard case .plan(let pane) = state.overlay, let modal = pane.modal else {
            Issue.record("no confirmation")
            return
        }
        #expect(modal.message.contains("alarms (endpoint, watched only; no auto-rollback alarms): churn-prod-5xx"))
    }

    @Test("the picker disables a target that already runs the version, with the reason, and refuses Enter")
    func pickerDisablesSameVersion() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        state.versions["churn"] = Loadable()
        state.versions["churn"]?.succeed([Fixtures.version("churn", 3, status: "Approved")], at: Fixtures.now)
        state.stack = [.groups, .versions(group: "churn")]
        press(app, &state, .char("p"))
        var same = samplePlan()
        same.newVersion = 3
        same.warnings = ["churn-prod already runs churn v3 (churn-prod-v3); nothing will change"]
        let key = VersionKey(group: "churn", version: 3)
        _ = app.update(&state, .targetPlanned(key, environment: "prod", endpoint: "churn-prod", .success(same)))
        guard case .promotePicker(let picker) = state.overlay else {
            Issue.record("picker closed")
            return
        }
        let target = picker.targets.first { $0.environment == "prod" }
        #expect(target?.disabledReason == "already runs v3")
        // (Rows 0-1 are the title and the tab strip, whose trouble count names churn-prod too.)
        let line = Fixtures.render(state).textLines().dropFirst(2).first { $0.contains("churn-prod") } ?? ""
        #expect(line.contains("disabled: already runs v3"), "picker line: \(line)")
        press(app, &state, .down, .enter)
        guard case .promotePicker(let after) = state.overlay else {
            Issue.record("Enter on a disabled target left the picker")
            return
        }
        #expect(after.message == "prod: already runs v3")
        // Gate blockers still show after it; a different version stays pickable.
        same.blockers = ["gate: needs 30m"]
        #expect(
            PromotePicker.Target(environment: "prod", endpoint: "churn-prod", plan: same).disabledReason
                == "already runs v3; gate: needs 30m")
        #expect(
            PromotePicker.Target(environment: "prod", endpoint: "churn-prod", plan: samplePlan()).disabledReason == nil)
        var rollback = samplePlan()
        rollback.action = .rollback
        rollback.newVersion = 3
        #expect(PromotePicker.Target(environment: "prod", endpoint: "churn-prod", plan: rollback).disabledReason == nil)
    }
}

@Suite("Ctrl-C is the escape hatch")
struct ConsoleInterruptKeyTests {
    @Test("Ctrl-C is left to the runtime (which quits and restores the terminal); other keys reach update")
    func ctrlCIsNotAnAppAction() {
        let app = Fixtures.app()
        let state = Fixtures.state(options: ConsoleOptions(mode: .watch, refresh: .seconds(2)))
        #expect(app.keyAction(for: .key(.ctrl("c")), state: state) == nil)
        #expect(app.keyAction(for: .key(.char("q")), state: state) != nil)
        #expect(app.keyAction(for: .key(.ctrl("r")), state: state) != nil)
    }
}
