import Foundation
import PodiumCore
import TerminalUI

/// Draws the open overlay over the screen: help, filter and command lines, comment prompt, quit
/// confirmation, promotion target picker, plan and confirmation.
struct OverlayView {
    let state: ConsoleState
    let overlay: ConsoleOverlay

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme, cursor: inout CursorPosition?) {
        switch overlay {
        case .help(let scroll):
            let box = area.inset(top: 2, left: 2, bottom: 2, right: 2)
            // The screen's keys, then everywhere's, then each dialog's (overrides reach them all).
            let scopes = [state.screen.scope, KeyScope.global] + ConsoleKeys.Scope.overlays
            HelpScreen(
                keyMap: state.effectiveKeyMap, scopes: scopes, scrollOffset: scroll,
                title: "Keys · \(ConsoleKeys.scopeTitle(state.screen.scope))"
            ).render(into: &buffer, area: box, theme: theme)

        case .filter(let editor):
            let row = area.row(area.height - 1)
            let input = InputLine(prompt: "/", editor: editor, placeholder: "filter (Enter keeps, Esc clears)")
            input.render(into: &buffer, area: row, theme: theme)
            cursor = input.cursorPosition(in: row)

        case .command(let editor):
            let rows = Rect(x: area.x, y: area.maxY - 3, width: area.width, height: 3)
            let input = InputLine(
                prompt: ":", editor: editor, placeholder: "pending, groups, env prod, theme mono, q (Tab completes)")
            input.render(into: &buffer, area: rows, theme: theme)
            cursor = input.cursorPosition(in: rows.row(0))

        case .comment(let prompt):
            let verb = prompt.decision == .approved ? "Approve" : "Reject"
            let box = area.centered(width: min(area.width, 72), height: 8)
            buffer.fill(box, style: theme.style(.modal))
            Panel(title: "\(verb) \(prompt.key)", trailing: "Esc cancels", focused: true).render(
                into: &buffer, area: box, theme: theme)
            let inner = Panel.inner(box).inset(left: 1, right: 1)
            buffer.set(Line("Comment (required; saved with your ARN and the time):"), in: inner, theme: theme)
            let inputRow = inner.row(2)
            let input = InputLine(prompt: "> ", editor: prompt.editor)
            input.render(into: &buffer, area: inputRow, theme: theme)
            cursor = input.cursorPosition(in: inputRow)
            let hint =
                prompt.emptyRefused
                ? "A comment is required." : "Enter sends the \(verb.lowercased()) · seen as \(prompt.seenStatus)"
            buffer.set(Line(hint, prompt.emptyRefused ? .modalDanger : .textDim), in: inner, row: 4, theme: theme)

        case .signIn:
            if let pane = state.signIn { renderSignIn(pane, into: &buffer, area: area, theme: theme) }

        case .confirmQuit:
            var message = "Leave the console?"
            if let run = state.deployment, run.isRunning {
                message += "\n\(run.label) is still running: podium stops watching it, SageMaker carries on."
            }
            ConfirmationModal(title: "Quit podium?", message: message, mode: .yesNo).render(
                into: &buffer, area: area, theme: theme)

        case .promotePicker(let picker):
            if let input = picker.input {
                VariantPromotionInputView(key: picker.key, input: input).render(
                    into: &buffer, area: area, theme: theme, cursor: &cursor)
            } else {
                renderPicker(picker, into: &buffer, area: area, theme: theme)
            }

        case .traffic(let pane):
            TrafficPaneView(pane: pane).render(into: &buffer, area: area, theme: theme, cursor: &cursor)

        case .plan(let pane):
            if let modal = pane.modal {
                modal.render(into: &buffer, area: area, theme: theme)
                if case .typed = modal.mode {
                    // The typed confirmation's cursor: the input line sits 3 rows above the hint at the bottom.
                    let box = modal.frame(in: area)
                    let inner = box.inset(top: 2, left: 2, bottom: 1, right: 2)
                    let input = InputLine(prompt: "> ", editor: modal.editor)
                    cursor = input.cursorPosition(
                        in: Rect(x: inner.x, y: inner.maxY - 2, width: inner.width, height: 1))
                }
                return
            }
            let text: String
            var role = ThemeRole.text
            if let error = pane.error {
                text = "Could not make the plan: \(error)"
                role = .healthCritical
            } else if let plan = pane.plan {
                text =
                    ConsoleApp.planText(
                        plan, endpointAlarms: ConsoleApp.endpointAlarms(for: plan, config: state.config))
                    + "\n\nRefused: nothing will be changed."
                role = .text
            } else {
                text = "Preparing the plan (DescribeEndpoint, history)…"
                role = .textDim
            }
            let lines = TextLayout.wrap(text, width: min(area.width, 80) - 4)
            let box = area.centered(width: min(area.width, 80), height: min(area.height, lines.count + 3))
            buffer.fill(box, style: theme.style(.modal))
            Panel(title: pane.title, trailing: "Esc closes", focused: true).render(
                into: &buffer, area: box, theme: theme)
            let inner = Panel.inner(box).inset(left: 1, right: 1)
            for (index, line) in lines.enumerated() where index < inner.height {
                let lineRole: ThemeRole = line.hasPrefix("refused:") || line.hasPrefix("Refused") ? .modalDanger : role
                buffer.set(Line(line, lineRole), in: inner, row: index, theme: theme)
            }
        }
    }

    func renderPicker(_ picker: PromotePicker, into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        // Two spare rows below the targets: the selected target's whole reason, or the refusal message.
        let height = min(area.height, picker.targets.count + 7)
        let box = area.centered(width: min(area.width, 96), height: height)
        buffer.fill(box, style: theme.style(.modal))
        Panel(
            title: "Promote \(picker.key) to… · \(picker.mode.label)", trailing: "Enter picks · Esc cancels",
            focused: true
        ).render(
            into: &buffer, area: box, theme: theme)
        let inner = Panel.inner(box).inset(left: 1, right: 1)
        let g = theme.glyphs
        for (index, target) in picker.targets.enumerated() where index < inner.height - 2 {
            let selected = index == picker.cursor
            let rowRect = inner.row(index)
            if selected { buffer.fill(rowRect, style: theme.style(.selectionFocused)) }
            buffer.recordHit(ConsoleHitTarget.pickerTarget(index), in: rowRect)
            // On the selection bar every piece takes the bar's role (the environment badge too).
            func role(_ role: ThemeRole) -> ThemeRole { selected ? .selectionFocused : role }
            var line = Line(limit: inner.width)
            line.append(selected ? g.selectionMarker + " " : "  ", role(.text))
            let env = state.config.environment(named: target.environment)
            line.append(
                selected
                    ? Span(target.environment, .selectionFocused)
                    : Span(target.environment, style: TitleBar.badgeStyle(theme: theme, accentColor: env?.accent)))
            line.append("  \(target.endpoint)  ", role(.text))
            if picker.mode != .replace {
                // The replace plan's refusals are not this plan's: the variant's own plan (its gate included for a
                // challenger) follows the questions and shows in the confirmation.
                line.appendTruncated(Span("\(picker.mode.label) beside what runs", role(.text)), ellipsis: g.ellipsis)
            } else if target.isChecking {
                line.append("checking the gate…", role(.textDim))
            } else if let reason = target.disabledReason {
                line.appendTruncated(Span("disabled: \(reason)", role(.helpDisabled)), ellipsis: g.ellipsis)
            } else if let plan = target.plan {
                let confirm = plan.confirm == .typed ? " · typed confirmation" : ""
                line.appendTruncated(
                    Span("\(plan.changeSummary) · \(plan.strategy)\(confirm)", role(.healthOK)), ellipsis: g.ellipsis)
            }
            buffer.set(line, in: inner, row: index, theme: theme)
        }
        // The bottom rows: the refusal message, else the selected target's whole reason (wrapped), so a reason
        // cut with an ellipsis above can always be read in full.
        let selected = picker.targets.indices.contains(picker.cursor) ? picker.targets[picker.cursor] : nil
        let bottom: (text: String, role: ThemeRole)? =
            picker.message.map { ($0, .modalDanger) }
            ?? selected.flatMap { target -> (text: String, role: ThemeRole)? in
                guard picker.mode == .replace else { return nil }
                return target.disabledReason.map { ("\(target.environment): \($0)", .helpDisabled) }
            }
        if let bottom, inner.height > picker.targets.count + 1 {
            let room = inner.height - picker.targets.count - 1
            var lines = TextLayout.wrap(bottom.text, width: inner.width)
            if lines.count > room {
                lines = Array(lines.prefix(room))
                lines[room - 1] = TextLayout.truncate(lines[room - 1] + " …", width: inner.width, ellipsis: g.ellipsis)
            }
            for (index, text) in lines.enumerated() {
                buffer.set(Line(text, bottom.role), in: inner, row: inner.height - lines.count + index, theme: theme)
            }
        }
    }
}
