import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// Keys while an overlay is open: the overlay's scope in the key table resolves the key, the overlay's
    /// sub-model handles it, and its outcome becomes state changes and effects here.
    func handleOverlay(_ state: inout ConsoleState, _ overlay: ConsoleOverlay, _ event: KeyEvent)
        -> [Effect<ConsoleAction>]
    {
        typealias Scope = ConsoleKeys.Scope
        func command(in scope: String) -> ConsoleCommand? {
            event.key.flatMap { state.overlayCommand(for: $0, in: scope) }
        }
        switch overlay {
        case .help(let scroll):
            guard event.key != nil else { return [] }
            switch HelpPane.handle(command(in: Scope.help), scroll: scroll, page: state.size.height - 6) {
            case .scrolled(let offset): state.overlay = .help(scroll: offset)
            case .closed: state.overlay = nil
            }
            return []

        case .filter(var editor):
            let key = state.screen.listKey
            guard
                let event = state.editorEvent(
                    event, scope: Scope.filter, [.filterKeep: .enter, .filterClear: .escape])
            else { return [] }
            switch editor.handle(event) {
            case .submitted:
                state.overlay = nil
            case .cancelled:
                state.filters[key] = nil
                state.overlay = nil
            default:
                state.filters[key] = editor.text.isEmpty ? nil : editor.text
                state.cursors[key] = 0
                state.overlay = .filter(editor)
            }
            return []

        case .command(var editor):
            guard
                let event = state.editorEvent(
                    event, scope: Scope.command, [.commandRun: .enter, .commandCancel: .escape, .commandComplete: .tab])
            else { return [] }
            switch editor.handle(event) {
            case .submitted(let text):
                state.overlay = nil
                return runCommand(&state, text)
            case .cancelled:
                state.overlay = nil
            default:
                state.overlay = .command(editor)
            }
            return []

        case .comment(var prompt):
            guard
                let event = state.editorEvent(
                    event, scope: Scope.comment, [.commentSubmit: .enter, .commentCancel: .escape])
            else { return [] }
            switch prompt.handle(event) {
            case .submitted(let comment):
                state.overlay = nil
                return submitApproval(&state, prompt, comment: comment)
            case .cancelled:
                state.overlay = nil
            case .editing:
                state.overlay = .comment(prompt)
            }
            return []

        case .signIn:
            return handleSignInKey(&state, command(in: Scope.signIn))

        case .traffic(let pane):
            return handleTrafficKey(&state, pane, event)

        case .confirmQuit:
            switch QuitDialog.handle(command(in: Scope.quit)) {
            case .quit: return [.quit]
            case .stay: state.overlay = nil
            case .asking: break
            }
            return []

        case .promotePicker(let picker):
            return handlePickerKey(&state, picker, event)

        case .plan(var pane):
            let translated: KeyEvent?
            switch pane.scope {
            case Scope.confirm:
                translated = state.editorEvent(
                    event, scope: Scope.confirm, [.confirmYes: .char("y"), .confirmNo: .escape]
                )
                .flatMap { $0 == .key(.char("Y")) || $0 == .key(.char("n")) || $0 == .key(.char("N")) ? nil : $0 }
            case Scope.typedConfirm:
                translated = state.editorEvent(
                    event, scope: Scope.typedConfirm, [.typedSubmit: .enter, .typedCancel: .escape])
            default:
                translated = event
            }
            switch pane.handle(translated, command: command(in: Scope.plan)) {
            case .open:
                state.overlay = .plan(pane)
            case .closed:
                state.overlay = nil
            case .confirmed(let plan):
                state.overlay = nil
                return startDeployment(&state, plan)
            case .cancelled(let plan):
                state.overlay = nil
                state.toast("\(plan.action.rawValue) \(plan.endpoint): cancelled, nothing changed", kind: .info)
            }
            return []
        }
    }
}
