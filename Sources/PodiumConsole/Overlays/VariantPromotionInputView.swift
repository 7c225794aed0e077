import Foundation
import PodiumCore
import TerminalUI

/// Draws the questions of a challenger or shadow promotion: the target, the question, its line, and the
/// refusal of the last value (or what Enter and Esc do).
struct VariantPromotionInputView {
    let key: VersionKey
    let input: VariantPromotionInput

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme, cursor: inout CursorPosition?) {
        let box = area.centered(width: min(area.width, 76), height: min(area.height, 9))
        buffer.fill(box, style: theme.style(.modal))
        Panel(
            title: "Promote \(key) to \(input.endpoint) in \(input.environment) · \(input.mode.label)",
            trailing: "Esc back", focused: true
        ).render(into: &buffer, area: box, theme: theme)
        let inner = Panel.inner(box).inset(left: 1, right: 1)
        if input.step == .amount {
            buffer.set(Line("Variant: \(input.name.text)", .textDim), in: inner, row: 0, theme: theme)
        }
        buffer.set(Line(input.prompt), in: inner, row: 1, theme: theme)
        let row = inner.row(3)
        let line = InputLine(prompt: "> ", editor: input.editor)
        line.render(into: &buffer, area: row, theme: theme)
        cursor = line.cursorPosition(in: row)
        let hint =
            input.error.map { ($0, ThemeRole.modalDanger) }
            ?? (
                input.step == .name
                    ? "Enter next · Esc back to the targets" : "Enter reviews the plan · Esc back to the name",
                .textDim
            )
        for (index, text) in TextLayout.wrap(hint.0, width: inner.width).prefix(2).enumerated() {
            buffer.set(Line(text, hint.1), in: inner, row: 5 + index, theme: theme)
        }
    }
}
