import Foundation
import PodiumCore
import TerminalUI

/// Draws the traffic pane: the variants with their shares (now → as moved, a bar each), the shadow variants
/// with their sampling; then the plan with its confirmation, the progress, or the result.
struct TrafficPaneView {
    let pane: TrafficPane

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme, cursor: inout CursorPosition?) {
        if case .review(_, let modal?) = pane.phase {
            modal.render(into: &buffer, area: area, theme: theme)
            if case .typed = modal.mode {
                // The typed confirmation's cursor: the input line sits 3 rows above the hint at the bottom.
                let box = modal.frame(in: area)
                let inner = box.inset(top: 2, left: 2, bottom: 1, right: 2)
                cursor = InputLine(prompt: "> ", editor: modal.editor).cursorPosition(
                    in: Rect(x: inner.x, y: inner.maxY - 2, width: inner.width, height: 1))
            }
            return
        }
        let width = min(area.width, 76)
        var lines = variantLines(width: width - 4, theme: theme)
        lines.append(Line(""))
        lines += footer(width: width - 4)
        let box = area.centered(width: width, height: min(area.height, lines.count + 2))
        buffer.fill(box, style: theme.style(.modal))
        Panel(title: "Traffic · \(pane.endpoint) in \(pane.environment)", trailing: "Esc closes", focused: true)
            .render(into: &buffer, area: box, theme: theme)
        let inner = Panel.inner(box).inset(left: 1, right: 1)
        for (index, line) in lines.enumerated() where index < inner.height {
            buffer.set(line, in: inner, row: index, theme: theme)
        }
    }

    /// One line per production variant (`▶ challenger  v4   10% → 15%  ███░░░…`), then the shadow variants.
    func variantLines(width: Int, theme: Theme) -> [Line] {
        let editing = pane.phase.isEditing
        let names = pane.variants.map { TextLayout.width($0.name) }.max() ?? 0
        let barWidth = max(0, min(30, width - names - 28))
        var out: [Line] = []
        for (index, variant) in pane.production.enumerated() {
            let selected = editing && index == pane.selected
            let now = pane.original[index]
            let then = pane.shares[index]
            var line = Line(limit: width)
            line.append(selected ? theme.glyphs.selectionMarker : " ", selected ? .selectionFocused : .text)
            line.append(variant.name.padding(toLength: names, withPad: " ", startingAt: 0), .textStrong)
            line.append("  " + variant.versionLabel.padding(toLength: 4, withPad: " ", startingAt: 0), .text)
            let share = now == then ? percent(now) : "\(percent(now)) → \(percent(then))"
            line.append(
                " " + share.padding(toLength: 12, withPad: " ", startingAt: 0), now == then ? .text : .statusRunning)
            let filled = Int((then / 100 * Double(barWidth)).rounded())
            line.append(String(repeating: "█", count: filled), selected ? .selectionFocused : .healthOK)
            line.append(String(repeating: "░", count: max(0, barWidth - filled)), .textDim)
            out.append(line)
        }
        let all = EndpointVariants(environment: pane.environment, endpoint: pane.endpoint, variants: pane.variants)
        for variant in pane.shadow {
            var line = Line(limit: width)
            line.append(" ")
            line.append(variant.name.padding(toLength: names, withPad: " ", startingAt: 0), .textDim)
            line.append("  \(variant.versionLabel)  shadow, samples ", .textDim)
            line.append(all.samplingPercent(of: variant.name).map(WeightChange.percent) ?? "?", .textDim)
            out.append(line)
        }
        return out
    }

    /// What the phase has to say, and the keys.
    func footer(width: Int) -> [Line] {
        func wrapped(_ text: String, _ role: ThemeRole) -> [Line] {
            TextLayout.wrap(text, width: width).map { Line($0, role) }
        }
        switch pane.phase {
        case .editing:
            let hint = pane.isChanged ? "Enter reviews the plan" : "move weight first"
            return wrapped("↑↓ variant  ←→ 5 % (the others take up the difference)  \(hint)  Esc cancels", .textDim)
        case .planning:
            return wrapped("Preparing the plan (DescribeEndpoint, DescribeEndpointConfig)…", .textDim)
        case .review(let plan, _):
            return plan.lines.flatMap { wrapped($0, $0.contains("refused:") ? .modalDanger : .text) }
                + wrapped(plan.isNoOp ? "Nothing to change." : "Refused: nothing will be changed.", .modalDanger)
                + wrapped(
                    plan.addition == nil ? "Enter back to the weights  Esc closes" : "Enter or Esc closes", .textDim)
        case .failed(let message):
            return wrapped("Could not make the plan: \(message)", .healthCritical)
                + wrapped(pane.addsVariant ? "Enter or Esc closes" : "Enter back to the weights  Esc closes", .textDim)
        case .running(let plan, let progress):
            let doing =
                plan.addition.map { "Adding \($0.name) (CreateModel, CreateEndpointConfig, UpdateEndpoint)…" }
                ?? "Shifting traffic (UpdateEndpointWeightsAndCapacities)…"
            return wrapped(doing, .statusRunning)
                + progress.flatMap { wrapped($0, .textDim) }
        case .finished(_, let message, let ending):
            let role: ThemeRole =
                switch ending {
                case .succeeded: .healthOK
                case .failed: .healthCritical
                case .unknown: .healthWarn
                }
            return wrapped(message, role) + wrapped("Enter or Esc closes", .textDim)
        }
    }

    func percent(_ value: Double) -> String { WeightChange.percent((value * 10).rounded() / 10) }
}

extension TrafficPane.Phase {
    /// Whether the operator is moving weights.
    var isEditing: Bool {
        if case .editing = self { return true }
        return false
    }
}
