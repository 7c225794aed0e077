import AWSCore
import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

@Suite("ConsoleApp.update")
struct ConsoleUpdateTests {
    @Test("start asks for identity, every environment's health, the registry and the audit log, without waiting")
    func startSchedulesEverySource() {
        let app = Fixtures.app()
        var state = Fixtures.state()
        let effects = app.start(&state)
        #expect(Set(taskIDs(effects)) == ["identity", "health.dev", "health.prod", "registry", "audit"])
        #expect(state.health["dev"]?.inFlight == true)
        #expect(state.groups.inFlight)
        // Nothing is loaded: the first frame shows loading panels.
        #expect(state.health["dev"]?.status(now: state.now, interval: .seconds(15)) == .loading)
    }

    @Test("a tick starts only the refreshes that are due, and never doubles one that is running")
    func tickSchedulesDueRefreshes() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        #expect(taskIDs(app.update(&state, .tick(Fixtures.now.addingTimeInterval(6)))).isEmpty)
        let effects = app.update(&state, .tick(Fixtures.now.addingTimeInterval(16)))
        #expect(Set(taskIDs(effects)) == ["health.dev", "health.prod"])
        #expect(taskIDs(app.update(&state, .tick(Fixtures.now.addingTimeInterval(17)))).isEmpty)
    }

    @Test("effects post results stamped with the injected clock; a failure keeps the old data and shows the error")
    func effectsPostResults() async {
        let service = RecordingService()
        let app = Fixtures.app(service)
        var state = Fixtures.state()
        let actions = await runEffects(app.start(&state))
        #expect(service.calls.contains("health dev"))
        #expect(service.calls.contains("registry"))
        for action in actions { _ = app.update(&state, action) }
        #expect(state.health["dev"]?.value != nil)
        #expect(state.pending.value?.count == 3)
        #expect(state.identity.error == "not stubbed")
        #expect(state.lastError?.message == "identity: not stubbed")
        #expect(state.dashboardCompleteAt == Fixtures.now)
        // A later failure keeps the data.
        _ = app.update(
            &state, .healthLoaded(environment: "dev", .failure(ConsoleError("timed out after 20s")), at: Fixtures.now))
        #expect(state.health["dev"]?.value != nil)
        #expect(state.health["dev"]?.isFailing == true)
    }

    @Test("panels turn stale after 3x their refresh interval, and NO CONNECTION shows when every source fails")
    func staleAndNoConnection() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        let later = Fixtures.now.addingTimeInterval(46)
        _ = app.update(&state, .tick(later))
        #expect(state.health["dev"]!.status(now: later, interval: state.healthInterval) == .stale(since: Fixtures.now))
        #expect(!state.allSourcesFailing)
        for env in ["dev", "prod"] {
            _ = app.update(
                &state,
                .healthLoaded(
                    environment: env, .failure(ConsoleError("connection refused", unreachable: true)), at: later))
        }
        #expect(!state.allSourcesFailing)
        _ = app.update(
            &state, .registryLoaded(.failure(ConsoleError("connection refused", unreachable: true)), at: later))
        #expect(state.allSourcesFailing)
        // One good answer ends the banner.
        _ = app.update(
            &state, .healthLoaded(environment: "dev", .success(Fixtures.health(state.config, env: "dev")), at: later))
        #expect(!state.allSourcesFailing)
    }

    @Test("every source answering 503 is not called NO CONNECTION: the connection is fine")
    func failingButReachableIsNotNoConnection() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        let later = Fixtures.now.addingTimeInterval(46)
        let unavailable = ConsoleError("SageMaker ListEndpoints failed: ServiceUnavailable (HTTP 503)")
        for env in ["dev", "prod"] {
            _ = app.update(&state, .healthLoaded(environment: env, .failure(unavailable), at: later))
        }
        _ = app.update(&state, .registryLoaded(.failure(unavailable), at: later))
        #expect(state.allSourcesFailing)
        #expect(!state.allSourcesUnreachable)
        let text = Fixtures.render(state).textLines().joined(separator: "\n")
        #expect(text.contains("EVERY SOURCE IS FAILING"))
        #expect(!text.contains("NO CONNECTION"))
        // One unreachable source among answering ones is still not "no connection".
        _ = app.update(
            &state,
            .healthLoaded(
                environment: "dev", .failure(ConsoleError("connection refused", unreachable: true)), at: later))
        #expect(!state.allSourcesUnreachable)
    }

    @Test("a transport failure is unreachable; a service error or an unreadable answer is not")
    func consoleErrorClassifiesUnreachable() {
        let refused = AWSClientError.transport(
            service: "SageMaker", operation: "ListEndpoints", error: .connectFailed("refused"), attempts: 3)
        #expect(ConsoleError(refused).isUnreachable)
        let timedOut = AWSClientError.transport(
            service: "SageMaker", operation: "ListEndpoints", error: .timedOut("1 s"), attempts: 3)
        #expect(ConsoleError(timedOut).isUnreachable)
        let garbage = AWSClientError.undecodableResponse(
            service: "SageMaker", operation: "ListEndpoints", httpStatus: 200, reason: "not JSON")
        #expect(!ConsoleError(garbage).isUnreachable)
        let sts = CredentialProviderError.roleAssumptionUnreachable(
            roleArn: "arn:aws:iam::1:role/r", operation: "AssumeRole", reason: "refused")
        #expect(ConsoleError(sts).isUnreachable)
        let refusedRole = CredentialProviderError.roleAssumptionFailed(
            roleArn: "arn:aws:iam::1:role/r", operation: "AssumeRole", reason: "AccessDenied")
        #expect(!ConsoleError(refusedRole).isUnreachable)
        let noCredentials = AWSClientError.credentialsUnreachable(
            service: "SageMaker", operation: "ListEndpoints", reason: "AssumeRole … refused the connection")
        #expect(ConsoleError(noCredentials).isUnreachable)
    }

    @Test("r refreshes on the dashboard but rejects in the pending queue (scoped key maps)")
    func scopedR() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        let refresh = press(app, &state, .char("r"))
        #expect(taskIDs(refresh).contains("health.dev"))
        press(app, &state, .char("3"))
        #expect(state.screen == .pending)
        press(app, &state, .char("r"))
        guard case .comment(let prompt) = state.overlay else {
            Issue.record("r did not open the reject prompt")
            return
        }
        #expect(prompt.decision == .rejected)
        #expect(prompt.key == VersionKey(group: "churn", version: 5))
    }

    @Test("approving from the queue asks for a comment, sends the status seen, and moves to the next item")
    func approveFromQueue() async {
        let service = RecordingService()
        let app = Fixtures.app(service)
        var state = Fixtures.loadedState()
        press(app, &state, .char("3"), .down)
        #expect(state.cursor("pending") == 1)
        press(app, &state, .char("a"))
        // An empty comment is refused.
        press(app, &state, .enter)
        guard case .comment(let prompt) = state.overlay, prompt.emptyRefused else {
            Issue.record("empty comment was not refused")
            return
        }
        type(app, &state, "ship it")
        let effects = press(app, &state, .enter)
        #expect(state.overlay == nil)
        let approved = Fixtures.version("fraud", 3, status: "Approved")
        service.approvalResult = .success(
            ApprovalResult(
                version: approved, previousStatus: .pending, approvalDescription: "x", warnings: []))
        let actions = await runEffects(effects)
        #expect(service.calls.last == "setApproval fraud 3 Approved \"ship it\" expect=PendingManualApproval")
        for action in actions { _ = app.update(&state, action) }
        #expect(state.pendingRows.map(\.version) == [5, 4])
        #expect(state.cursor("pending") == 1)
        #expect(state.pendingRows[state.cursor("pending")] == Fixtures.version("fraud", 4))
        #expect(state.toasts.toasts.contains { $0.message == "Approved fraud v3" })
    }

    @Test("a package changed by someone else is refused with who and when, and stays in the queue")
    func changedSinceSeen() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        let message =
            "churn v5 changed since you saw it: it is now Approved (expected PendingManualApproval), changed by arn:aws:sts::1:assumed-role/x/bob at 2027-01-15T07:59:00Z"
        _ = app.update(
            &state,
            .approvalFinished(VersionKey(group: "churn", version: 5), .approved, .failure(ConsoleError(message))))
        #expect(state.toasts.toasts.last?.message == message)
        #expect(state.toasts.toasts.last?.kind == .error)
        #expect(state.lastError?.message == message)
    }

    @Test("read-only removes every mutating binding; the keys do nothing")
    func readOnlyRemovesMutatingKeys() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(config: Fixtures.config(readOnly: true))
        #expect(!state.effectiveKeyMap.bindings.contains { $0.destructive })
        #expect(press(app, &state, .char("b")).isEmpty)
        #expect(state.overlay == nil)
        press(app, &state, .char("3"), .char("a"))
        #expect(state.overlay == nil)
        // In the read-only queue `r` is refresh again.
        #expect(taskIDs(press(app, &state, .char("r"))).contains("registry"))
    }

    @Test("an environment with read_only: true loses rollback on its endpoints only")
    func environmentReadOnly() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(config: Fixtures.config(prodReadOnly: true))
        #expect(state.effectiveKeyMap.binding(forAction: ConsoleKeys.Action.rollback) != nil)
        press(app, &state, .char("l"))
        #expect(state.dashboardRows[state.cursor("dashboard")].environment.name == "prod")
        #expect(state.effectiveKeyMap.binding(forAction: ConsoleKeys.Action.rollback) == nil)
        #expect(press(app, &state, .char("b")).isEmpty)
    }

    @Test("key overrides apply; an unknown action name is reported with a suggestion")
    func keyOverrides() throws {
        let map = try ConsoleLauncher.keyMap(config: Fixtures.config(keys: ["pending.approve": ["A"]]), mode: .console)
        #expect(map.binding(forAction: "pending.approve")?.keys == [.char("A")])
        #expect(throws: ConsoleLauncher.SetupError.self) {
            try ConsoleLauncher.keyMap(config: Fixtures.config(keys: ["pending.aprove": ["A"]]), mode: .console)
        }
        do {
            _ = try ConsoleLauncher.keyMap(config: Fixtures.config(keys: ["pending.aprove": ["A"]]), mode: .console)
        } catch {
            #expect(error.description.contains("unknown action"))
            #expect(error.description.contains("pending.approve"))
        }
    }

    @Test("watch mode binds no mutating key and no prompt; q quits at once; pages rotate on ticks")
    func watchMode() {
        let app = Fixtures.app()
        let options = ConsoleOptions(mode: .watch, rotate: .seconds(20), pages: [.dashboard, .pending, .activity])
        var state = Fixtures.state(options: options)
        #expect(!state.keyMap.bindings.contains { $0.destructive })
        for action in [ConsoleKeys.Action.filter, ConsoleKeys.Action.command] {
            #expect(state.keyMap.binding(forAction: action) == nil)
        }
        for key in ["a", "r", "p", "b", ":", "/", "y"] { _ = press(app, &state, .char(Character(key))) }
        #expect(state.overlay == nil)
        #expect(state.screen == .dashboard)
        _ = app.update(&state, .tick(Fixtures.now.addingTimeInterval(20)))
        #expect(state.screen == .pending)
        _ = app.update(&state, .tick(Fixtures.now.addingTimeInterval(40)))
        #expect(state.screen == .activity)
        _ = app.update(&state, .tick(Fixtures.now.addingTimeInterval(60)))
        #expect(state.screen == .dashboard)
        #expect(quits(press(app, &state, .char("q"))))
    }

    @Test("q leaves a screen, then asks before quitting from the dashboard")
    func quitFlow() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        press(app, &state, .char("2"), .enter)
        #expect(state.screen == .versions(group: "churn"))
        press(app, &state, .char("q"))
        #expect(state.screen == .groups)
        press(app, &state, .char("q"))
        #expect(state.screen == .dashboard)
        #expect(!quits(press(app, &state, .char("q"))))
        guard case .confirmQuit = state.overlay else {
            Issue.record("no quit confirmation")
            return
        }
        press(app, &state, .char("n"))
        #expect(state.overlay == nil)
        press(app, &state, .char("q"))
        #expect(quits(press(app, &state, .char("y"))))
    }

    @Test("the command line switches screens, focuses an environment, loads a theme, and explains unknown commands")
    func commandLine() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        press(app, &state, .char(":"))
        type(app, &state, "pend")
        press(app, &state, .tab, .enter)
        #expect(state.screen == .pending)
        press(app, &state, .char(":"))
        type(app, &state, "env prod")
        press(app, &state, .enter)
        #expect(state.screen == .dashboard)
        #expect(state.dashboardRows.allSatisfy { $0.environment.name == "prod" })
        press(app, &state, .char(":"))
        type(app, &state, "theme mono")
        #expect(taskIDs(press(app, &state, .enter)) == ["theme"])
        press(app, &state, .char(":"))
        type(app, &state, "frobnicate")
        press(app, &state, .enter)
        #expect(state.toasts.toasts.last?.message.contains("unknown command") == true)
    }

    @Test("the filter narrows the current list as it is typed; Esc clears it")
    func filter() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        press(app, &state, .char("/"))
        type(app, &state, "fraud")
        #expect(state.dashboardRows.map(\.spec.name) == ["fraud-dev", "fraud-prod"])
        press(app, &state, .enter)
        #expect(state.currentFilter == "fraud")
        press(app, &state, .char("/"), .escape)
        #expect(state.dashboardRows.count == 4)
    }

    @Test("promote: gated targets are disabled with their reason; prod needs the endpoint name typed")
    func promoteFlow() async {
        let service = RecordingService()
        let app = Fixtures.app(service)
        var state = Fixtures.loadedState()
        state.versions["churn"] = Loadable()
        state.versions["churn"]?.succeed([Fixtures.version("churn", 4, status: "Approved")], at: Fixtures.now)
        state.stack = [.groups, .versions(group: "churn")]
        let effects = press(app, &state, .char("p"))
        #expect(Set(taskIDs(effects)) == ["plan.dev.churn-dev", "plan.prod.churn-prod"])
        let key = VersionKey(group: "churn", version: 4)
        _ = app.update(
            &state,
            .targetPlanned(
                key, environment: "prod", endpoint: "churn-prod",
                .success(samplePlan(blockers: ["gate: churn v4 has run in dev for 3m, needs 30m"]))))
        press(app, &state, .down, .enter)
        guard case .promotePicker(let picker) = state.overlay else {
            Issue.record("picker closed")
            return
        }
        #expect(picker.message?.contains("needs 30m") == true)
        _ = app.update(&state, .targetPlanned(key, environment: "prod", endpoint: "churn-prod", .success(samplePlan())))
        press(app, &state, .enter)
        guard case .plan(let pane) = state.overlay, case .typed(let expected) = pane.modal?.mode else {
            Issue.record("no typed confirmation")
            return
        }
        #expect(expected == "churn-prod")
        press(app, &state, .char("y"))
        #expect(state.deployment == nil)
        press(app, &state, .ctrl("u"))
        type(app, &state, "churn-pro")
        #expect(press(app, &state, .enter).isEmpty)
        type(app, &state, "d")
        let run = press(app, &state, .enter)
        #expect(taskIDs(run) == ["deployment"])
        #expect(state.deployment?.isRunning == true)
        for action in await runEffects(run) { _ = app.update(&state, action) }
        #expect(service.calls.last == "execute promote churn-prod")
        #expect(state.deployment?.isRunning == false)
        #expect(state.toasts.toasts.contains { $0.message.hasPrefix("Promoted churn-prod") })
        #expect(state.deployment?.phases == [.deploying])
    }

    @Test("Esc hides a running deployment; the status bar keeps showing it; w brings it back")
    func hideDeployment() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        state.deployment = DeploymentRun(plan: samplePlan(), startedAt: Fixtures.now)
        press(app, &state, .escape)
        #expect(state.deployment?.hidden == true)
        let frame = Fixtures.render(state)
        #expect(frame.textLines()[state.size.height - 2].contains("promote churn-prod"))
        press(app, &state, .char("w"))
        #expect(state.deployment?.hidden == false)
    }

    @Test("rollback from a dashboard endpoint asks for the plan, then confirms y/n in a yes environment")
    func rollbackFlow() async {
        let service = RecordingService()
        service.planResult = .success(samplePlan(environment: "dev", endpoint: "churn-dev", confirm: .yes))
        let app = Fixtures.app(service)
        var state = Fixtures.loadedState()
        let effects = press(app, &state, .char("b"))
        for action in await runEffects(effects) { _ = app.update(&state, action) }
        #expect(service.calls.last == "planRollback dev churn-dev")
        guard case .plan(let pane) = state.overlay, pane.modal?.mode == .yesNo else {
            Issue.record("no y/n confirmation")
            return
        }
        #expect(taskIDs(press(app, &state, .char("y"))) == ["deployment"])
    }

    @Test("memory stays bounded: toasts and version details are capped")
    func bounded() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        for index in 0..<100 { state.toast("message \(index)", kind: .info) }
        #expect(state.toasts.toasts.count <= 4)
        for version in 0..<30 { _ = app.loadDetail(&state, VersionKey(group: "churn", version: version)) }
        #expect(state.details.count <= 8)
    }
}
