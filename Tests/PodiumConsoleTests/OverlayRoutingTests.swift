import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// The routing around the dialogs: a line editor or a confirmation gets the key its scope's bindings translate
/// (so overrides reach them), and the app turns each dialog's outcome into state changes and effects.
@Suite("Overlay routing")
struct OverlayRoutingTests {
    @Test("a line editor's keys come from its scope: bound keys become Enter/Esc, an unbound default key is dropped")
    func editorKeys() {
        let canonical: [ConsoleCommand: Key] = [.filterKeep: .enter, .filterClear: .escape]
        let plain = Fixtures.loadedState()
        #expect(plain.editorEvent(.key(.enter), scope: ConsoleKeys.Scope.filter, canonical) == .key(.enter))
        #expect(plain.editorEvent(.key(.escape), scope: ConsoleKeys.Scope.filter, canonical) == .key(.escape))
        #expect(plain.editorEvent(.key(.char("x")), scope: ConsoleKeys.Scope.filter, canonical) == .key(.char("x")))

        let config = Fixtures.config(keys: ["filter.keep": ["ctrl-s"]])
        let state = Fixtures.loadedState(config: config)
        #expect(state.editorEvent(.key(.ctrl("s")), scope: ConsoleKeys.Scope.filter, canonical) == .key(.enter))
        #expect(state.editorEvent(.key(.enter), scope: ConsoleKeys.Scope.filter, canonical) == nil)
    }

    @Test("the filter line: typing filters at once, the kept key closes it with the filter, Esc clears it")
    func filterLine() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        press(app, &state, .char("3"), .char("/"))
        type(app, &state, "fraud")
        #expect(state.pendingRows.map(\.group) == ["fraud", "fraud"])
        press(app, &state, .enter)
        #expect(state.overlay == nil)
        #expect(state.currentFilter == "fraud")
        press(app, &state, .char("/"), .escape)
        #expect(state.currentFilter == "")
        #expect(state.pendingRows.count == 3)
    }

    @Test("a y/n plan confirmation takes the configured key: an overridden yes starts the deployment, y does not")
    func confirmOverride() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(config: Fixtures.config(keys: ["confirm.yes": ["x"]]))
        let plan = samplePlan(confirm: .yes)
        var pane = PlanPane(title: "Promote", environment: "prod", endpoint: "churn-prod")
        pane.plan = plan
        pane.modal = ConsoleApp.confirmation(for: plan)
        state.overlay = .plan(pane)

        press(app, &state, .char("y"))
        #expect(state.deployment == nil)
        guard case .plan = state.overlay else {
            Issue.record("y closed the confirmation although confirm.yes is x")
            return
        }
        let effects = press(app, &state, .char("x"))
        #expect(state.overlay == nil)
        #expect(state.deployment?.plan == plan)
        #expect(taskIDs(effects) == ["deployment"])
    }

    @Test("a cancelled confirmation says nothing changed")
    func confirmCancelled() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        let plan = samplePlan(confirm: .yes)
        var pane = PlanPane(title: "Promote", environment: "prod", endpoint: "churn-prod")
        pane.plan = plan
        pane.modal = ConsoleApp.confirmation(for: plan)
        state.overlay = .plan(pane)
        press(app, &state, .escape)
        #expect(state.overlay == nil)
        #expect(state.deployment == nil)
        #expect(state.toasts.toasts.last?.message == "promote churn-prod: cancelled, nothing changed")
    }
}
