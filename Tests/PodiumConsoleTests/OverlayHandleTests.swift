import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// Each overlay's sub-model on its own: a command (or key) in, an outcome out, no app and no state.
@Suite("Overlay sub-models")
struct OverlayHandleTests {
    @Test("help screen: scrolls, never above the top, and any other key closes it")
    func help() {
        #expect(HelpPane.handle(.helpDown, scroll: 2, page: 10) == .scrolled(3))
        #expect(HelpPane.handle(.helpUp, scroll: 0, page: 10) == .scrolled(0))
        #expect(HelpPane.handle(.helpPageDown, scroll: 1, page: 10) == .scrolled(11))
        #expect(HelpPane.handle(.helpPageUp, scroll: 4, page: 10) == .scrolled(0))
        #expect(HelpPane.handle(.helpPageDown, scroll: 0, page: -3) == .scrolled(1))
        #expect(HelpPane.handle(.helpClose, scroll: 5, page: 10) == .closed)
        #expect(HelpPane.handle(nil, scroll: 5, page: 10) == .closed)
    }

    @Test("quit dialog: yes quits, no stays, anything else keeps asking")
    func quit() {
        #expect(QuitDialog.handle(.quitYes) == .quit)
        #expect(QuitDialog.handle(.quitNo) == .stay)
        #expect(QuitDialog.handle(nil) == .asking)
        #expect(QuitDialog.handle(.help) == .asking)
    }

    @Test("picker: moves within its targets, refuses a checking or disabled target, picks an allowed one")
    func picker() {
        let key = VersionKey(group: "churn", version: 4)
        var picker = PromotePicker(
            key: key,
            targets: [
                .init(environment: "dev", endpoint: "churn-dev"), .init(environment: "prod", endpoint: "churn-prod"),
                .init(environment: "pre", endpoint: "churn-pre"),
            ])
        picker.targets[1].plan = samplePlan(blockers: ["gate: not healthy in pre-prod"])
        picker.targets[2].plan = samplePlan(environment: "pre", endpoint: "churn-pre")

        #expect(picker.handle(.pickerUp) == .open)
        #expect(picker.cursor == 0 && picker.cursorMoved)
        #expect(picker.handle(.pickerPick) == .open)
        #expect(picker.message == "still checking dev…")
        #expect(picker.handle(.pickerDown) == .open)
        #expect(picker.message == nil)
        #expect(picker.handle(.pickerPick) == .open)
        #expect(picker.message == "prod: gate: not healthy in pre-prod")
        _ = picker.handle(.pickerDown)
        _ = picker.handle(.pickerDown)
        #expect(picker.cursor == 2)
        #expect(
            picker.handle(.pickerPick)
                == .picked(picker.targets[2], samplePlan(environment: "pre", endpoint: "churn-pre")))
        #expect(picker.handle(nil) == .open)
        #expect(picker.handle(.pickerCancel) == .cancelled)
    }

    @Test("comment: an empty comment is refused, a typed one is trimmed and submitted, Esc cancels")
    func comment() {
        var prompt = CommentPrompt(
            key: VersionKey(group: "churn", version: 5), decision: .approved, seenStatus: .other("x"))
        #expect(prompt.handle(.key(.enter)) == .editing)
        #expect(prompt.emptyRefused)
        for character in " ok " { _ = prompt.handle(.key(.char(character))) }
        #expect(!prompt.emptyRefused)
        #expect(prompt.handle(.key(.enter)) == .submitted("ok"))
        #expect(prompt.handle(.key(.escape)) == .cancelled)
    }

    @Test("plan: without a confirmation it closes on its close key; with y/n, y confirms and Esc cancels")
    func plan() {
        var loading = PlanPane(title: "Roll back churn-prod", environment: "prod", endpoint: "churn-prod")
        #expect(loading.scope == ConsoleKeys.Scope.plan)
        #expect(loading.handle(.key(.char("x")), command: nil) == .open)
        #expect(loading.handle(.key(.escape), command: .planClose) == .closed)

        let plan = samplePlan(confirm: .yes)
        var pane = PlanPane(title: "Promote", environment: "prod", endpoint: "churn-prod")
        pane.plan = plan
        pane.modal = ConsoleApp.confirmation(for: plan)
        #expect(pane.scope == ConsoleKeys.Scope.confirm)
        #expect(pane.handle(.key(.char("x")), command: nil) == .open)
        #expect(pane.handle(nil, command: nil) == .open)
        #expect(pane.handle(.key(.char("y")), command: nil) == .confirmed(plan))
        #expect(pane.handle(.key(.escape), command: nil) == .cancelled(plan))

        var typed = pane
        typed.plan = samplePlan(confirm: .typed)
        typed.modal = ConsoleApp.confirmation(for: typed.plan!)
        #expect(typed.scope == ConsoleKeys.Scope.typedConfirm)
        #expect(typed.handle(.key(.char("y")), command: nil) == .open)
    }

    @Test("progress pane: Esc/q hide a running deployment and close a finished one; Enter only closes when done")
    func progress() {
        var run = DeploymentRun(plan: samplePlan(), startedAt: Fixtures.now)
        #expect(run.handlePane(.progressHide, isHelp: false) == .hide)
        #expect(run.handlePane(.progressClose, isHelp: false) == .ignore)
        #expect(run.handlePane(nil, isHelp: true) == .passThrough)
        #expect(run.handlePane(nil, isHelp: false) == .ignore)
        run.result = .failure(ConsoleError("boom"))
        #expect(run.handlePane(.progressHide, isHelp: false) == .close)
        #expect(run.handlePane(.progressClose, isHelp: false) == .close)
    }

    @Test("the key hints in messages come from the table")
    func keyHint() {
        #expect(Fixtures.loadedState().keyHint(.showDeployment) == "w shows it")
        let state = Fixtures.loadedState(config: Fixtures.config(keys: ["deployment.show": ["W"]]))
        #expect(state.keyHint(.showDeployment) == "W shows it")
    }
}
