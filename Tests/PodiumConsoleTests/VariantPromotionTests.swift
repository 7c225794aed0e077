import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// Challenger and shadow promotions from the promote picker, through the app's `update`: `v` cycles the mode,
/// the name and the weight (or sample) are asked and checked, Esc steps back without a call, and the plan opens in
/// the traffic pane's confirmation (refusals refuse, typed for `confirm: typed`, `y` runs the traffic executor).
@Suite("Variant promotion from the picker")
struct VariantPromotionTests {
    static let key = VersionKey(group: "churn", version: 4)

    /// The picker of churn v4 (targets dev and prod), opened from the versions screen.
    static func opened(_ app: ConsoleApp) -> ConsoleState {
        var state = Fixtures.loadedState()
        state.versions["churn"] = Loadable()
        state.versions["churn"]?.succeed([Fixtures.version("churn", 4, status: "Approved")], at: Fixtures.now)
        state.stack = [.groups, .versions(group: "churn")]
        press(app, &state, .char("p"))
        return state
    }

    static func picker(_ state: ConsoleState) -> PromotePicker? {
        if case .promotePicker(let picker) = state.overlay { return picker }
        return nil
    }

    static func pane(_ state: ConsoleState) -> TrafficPane? {
        if case .traffic(let pane) = state.overlay { return pane }
        return nil
    }

    /// A plan adding `name` (churn v4) to churn-dev beside champion v3.
    static func plan(
        kind: TrafficPlan.Kind = .addVariant, name: String = "challenger", confirm: ConfirmMode = .yes,
        blockers: [String] = []
    ) -> TrafficPlan {
        let champion = TrafficPaneTests.variant("champion", version: 3, weight: 1)
        let current = EndpointVariants(
            environment: "dev", endpoint: "churn-dev", status: .inService, variants: [champion])
        let addition = VariantAddition(
            name: name, role: kind == .addShadow ? .shadow : .production, weight: 10, group: "churn", version: 4,
            packageArn: "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/4",
            modelName: "churn-dev-v4-abcd", capacity: .instances(type: "ml.m5.large", count: 1))
        return TrafficPlan(
            kind: kind, environment: "dev", endpoint: "churn-dev", current: current, changes: [],
            addition: addition, newEndpointConfig: "churn-dev-v4-abcd",
            steps: [
                PlannedCall(operation: "CreateModel", resource: "churn-dev-v4-abcd", detail: ""),
                PlannedCall(operation: "CreateEndpointConfig", resource: "churn-dev-v4-abcd", detail: ""),
                PlannedCall(operation: "UpdateEndpoint", resource: "churn-dev", detail: ""),
            ], blockers: blockers, warnings: [], confirm: confirm)
    }

    @Test("v cycles replace → add as challenger → add as shadow → replace; the picker's title says which")
    func modeCycle() {
        let app = Fixtures.app()
        var state = Self.opened(app)
        #expect(Self.picker(state)?.mode == .replace)
        #expect(Fixtures.render(state).textLines().joined().contains("Promote churn v4 to… · replace what runs"))
        #expect(press(app, &state, .char("v")).isEmpty)
        #expect(Self.picker(state)?.mode == .challenger)
        let frame = Fixtures.render(state).textLines()
        #expect(frame.joined().contains("Promote churn v4 to… · add as challenger"))
        #expect(frame.last?.contains("v mode: replace, challenger, shadow") == true, "\(frame.last ?? "")")
        press(app, &state, .char("v"))
        #expect(Self.picker(state)?.mode == .shadow)
        press(app, &state, .char("v"))
        #expect(Self.picker(state)?.mode == .replace)
    }

    @Test("challenger: the name (challenger offered) then the weight; bad values refused inline and kept")
    func challengerInputs() {
        let app = Fixtures.app()
        var state = Self.opened(app)
        press(app, &state, .char("v"), .enter)
        #expect(Self.picker(state)?.input?.name.text == "challenger")
        #expect(Self.picker(state)?.scope == ConsoleKeys.Scope.variantInput)
        press(app, &state, .ctrl("u"))
        type(app, &state, "bad name")
        #expect(press(app, &state, .enter).isEmpty)
        var input = Self.picker(state)?.input
        #expect(input?.step == .name)
        #expect(input?.name.text == "bad name")
        #expect(input?.error?.contains("not a SageMaker variant name") == true)
        #expect(Fixtures.render(state).textLines().joined().contains("bad name is not a SageMaker variant name"))
        press(app, &state, .ctrl("u"))
        type(app, &state, "chal-2")
        press(app, &state, .enter)
        #expect(Self.picker(state)?.input?.step == .amount)
        for bad in ["abc", "0", "-5", "nan"] {
            type(app, &state, bad)
            #expect(press(app, &state, .enter).isEmpty, "\(bad)")
            input = Self.picker(state)?.input
            #expect(input?.amount.text == bad)
            #expect(input?.error?.contains("The weight is a number above 0, not \(bad)") == true, "\(bad)")
            press(app, &state, .ctrl("u"))
        }
        // The model's outcome names exactly what the plan is asked for.
        var picker = Self.picker(state)
        type(app, &state, "10")
        _ = picker?.handleInput(.key(.char("1")))
        #expect(picker?.handleInput(.key(.char("0"))) == .open)
        #expect(
            picker?.handleInput(.key(.enter))
                == .variant(
                    environment: "dev", endpoint: "churn-dev", name: "chal-2", addition: .challenger(weight: 10)))
        let effects = press(app, &state, .enter)
        #expect(taskIDs(effects) == ["traffic.plan"])
        guard let pane = Self.pane(state), case .planning = pane.phase else {
            Issue.record("no planning traffic pane: \(String(describing: state.overlay))")
            return
        }
        #expect(pane.endpoint == "churn-dev")
    }

    @Test("shadow: the sample must be 1-100; 25 asks for a shadow sampling 25 %")
    func shadowSample() {
        let app = Fixtures.app()
        var state = Self.opened(app)
        press(app, &state, .char("v"), .char("v"), .down, .enter)
        #expect(Self.picker(state)?.input?.name.text == "shadow")
        #expect(Self.picker(state)?.input?.endpoint == "churn-prod")
        press(app, &state, .enter)
        for bad in ["0", "101", "x", ""] {
            type(app, &state, bad)
            #expect(press(app, &state, .enter).isEmpty, "\(bad)")
            #expect(Self.picker(state)?.input?.error?.contains("percentage from 1 to 100") == true, "\(bad)")
            press(app, &state, .ctrl("u"))
        }
        var picker = Self.picker(state)
        for character in "25" { _ = picker?.handleInput(.key(.char(character))) }
        #expect(
            picker?.handleInput(.key(.enter))
                == .variant(
                    environment: "prod", endpoint: "churn-prod", name: "shadow", addition: .shadow(samplePercent: 25)))
    }

    @Test("Esc steps back (weight → name → targets → closed) with no call and nothing changed")
    func escapeAtEachStep() {
        let service = RecordingService()
        let app = Fixtures.app(service)
        var state = Self.opened(app)
        let callsBefore = service.calls
        press(app, &state, .char("v"), .enter)
        press(app, &state, .ctrl("u"))
        type(app, &state, "chal-2")
        press(app, &state, .enter)
        type(app, &state, "1")
        #expect(press(app, &state, .escape).isEmpty)
        #expect(Self.picker(state)?.input?.step == .name)
        #expect(Self.picker(state)?.input?.name.text == "chal-2")
        #expect(press(app, &state, .escape).isEmpty)
        #expect(Self.picker(state)?.input == nil)
        #expect(Self.picker(state)?.mode == .challenger)
        #expect(press(app, &state, .escape).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.deployment == nil)
        #expect(service.calls == callsBefore)
    }

    @Test("the plan opens in the traffic confirmation; y runs it through the traffic executor; n closes")
    func confirmationShowsThePlan() async {
        let service = RecordingService()
        let app = Fixtures.app(service)
        var state = Self.opened(app)
        press(app, &state, .char("v"), .enter, .enter)
        type(app, &state, "10")
        let planning = press(app, &state, .enter)
        // The recording service plans no variants: its refusal lands as the pane's failure, nothing run.
        for action in await runEffects(planning) { _ = app.update(&state, action) }
        guard let failed = Self.pane(state), case .failed(let message) = failed.phase else {
            Issue.record("no failure shown: \(String(describing: state.overlay))")
            return
        }
        #expect(message.contains("variant promotions are not available"))
        // Enter closes it: no weights editor (the operator asked for none).
        press(app, &state, .enter)
        #expect(state.overlay == nil, "\(String(describing: state.overlay))")

        // A plan that may run: its confirmation, titled as an addition, with the plan's lines.
        state = Self.opened(app)
        press(app, &state, .char("v"), .enter, .enter)
        type(app, &state, "10")
        press(app, &state, .enter)
        _ = app.update(&state, .variantPlanned(.success(Self.plan())))
        guard let pane = Self.pane(state), case .review(_, let modal?) = pane.phase else {
            Issue.record("no confirmation: \(String(describing: state.overlay))")
            return
        }
        #expect(modal.title == "Add challenger challenger (churn v4) to churn-dev in dev?")
        #expect(modal.message.contains("Plan: add challenger variant challenger (churn v4) to churn-dev in dev"))
        let frame = Fixtures.render(state).textLines().joined()
        #expect(frame.contains("Add challenger challenger (churn v4) to churn-dev in dev?"))
        #expect(frame.contains("UpdateEndpoint"))
        let run = press(app, &state, .char("y"))
        #expect(taskIDs(run) == ["traffic.run"])
        guard let running = Self.pane(state), case .running = running.phase else {
            Issue.record("not running")
            return
        }
        #expect(Fixtures.render(state).textLines().joined().contains("Adding challenger (CreateModel"))

        // n at the confirmation: nothing runs, the pane closes.
        state = Self.opened(app)
        press(app, &state, .char("v"), .enter, .enter)
        type(app, &state, "10")
        press(app, &state, .enter)
        _ = app.update(&state, .variantPlanned(.success(Self.plan())))
        #expect(!taskIDs(press(app, &state, .char("n"))).contains("traffic.run"))
        #expect(state.overlay == nil)
        #expect(state.toasts.toasts.contains { $0.message == "traffic churn-dev: cancelled, nothing changed" })
    }

    @Test("a refused plan shows its refusals and cannot be confirmed; typed environments ask for the name")
    func refusedAndTyped() {
        let app = Fixtures.app()
        var state = Self.opened(app)
        press(app, &state, .char("v"), .enter, .enter)
        type(app, &state, "10")
        press(app, &state, .enter)
        _ = app.update(&state, .variantPlanned(.success(Self.plan(blockers: ["dev is read-only"]))))
        guard let refused = Self.pane(state), case .review(_, nil) = refused.phase else {
            Issue.record("refusal not shown")
            return
        }
        #expect(press(app, &state, .char("y")).isEmpty)
        #expect(Fixtures.render(state).textLines().joined().contains("refused: dev is read-only"))
        #expect(Fixtures.render(state).textLines().joined().contains("Enter or Esc closes"))
        #expect(press(app, &state, .enter).isEmpty)
        #expect(state.overlay == nil)

        state = Self.opened(app)
        press(app, &state, .char("v"), .enter, .enter)
        type(app, &state, "10")
        press(app, &state, .enter)
        _ = app.update(&state, .variantPlanned(.success(Self.plan(confirm: .typed))))
        guard let typed = Self.pane(state), case .review(_, let modal?) = typed.phase,
            case .typed(let expected) = modal.mode
        else {
            Issue.record("no typed confirmation")
            return
        }
        #expect(expected == "churn-dev")
        // `y` is only a letter of the name here.
        #expect(press(app, &state, .char("y")).isEmpty)
        press(app, &state, .ctrl("u"))
        type(app, &state, "churn-de")
        #expect(!taskIDs(press(app, &state, .enter)).contains("traffic.run"))
        type(app, &state, "v")
        #expect(taskIDs(press(app, &state, .enter)) == ["traffic.run"])
    }

    @Test("snapshot: the picker in challenger mode, and the weight question")
    func snapshots() {
        let app = Fixtures.app()
        var state = Self.opened(app)
        press(app, &state, .char("v"))
        assertConsoleSnapshot(Fixtures.render(state), named: "variant-picker-challenger")
        press(app, &state, .enter, .enter)
        type(app, &state, "ten")
        press(app, &state, .enter)
        assertConsoleSnapshot(Fixtures.render(state), named: "variant-input-weight-refused")
    }
}
