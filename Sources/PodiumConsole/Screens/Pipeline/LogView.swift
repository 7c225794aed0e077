import Foundation
import PodiumCore
import TerminalUI

/// The log view of one endpoint (`L` on the dashboard): the newest lines at the bottom while following; scrolled
/// up it pauses (new lines are counted, not shown) until the end is reached again; `/` filters. Every line goes
/// through the frame buffer's sanitiser (escape sequences removed, C1 controls dropped, bidi overrides shown).
struct LogView {
    let endpoint: String
    let environment: String
    let buffer: LogBuffer
    let filter: String
    /// Lines scrolled up from the end (0: following).
    let scrollBack: Int
    /// New lines that arrived while paused.
    let unseen: Int
    let problem: String?

    func render(into frame: inout FrameBuffer, area: Rect, theme: Theme) {
        let shown = buffer.matching(filter)
        let paused = scrollBack > 0
        var trailing = paused ? "paused · \(unseen) new" : "following"
        if !filter.isEmpty { trailing += " · filter \"\(filter)\" \(shown.count)/\(buffer.lines.count)" }
        if buffer.dropped > 0 { trailing += " · \(buffer.dropped) older dropped" }
        Panel(
            title: "Logs · \(environment)/\(endpoint) · /aws/sagemaker/Endpoints/\(endpoint)", trailing: trailing,
            trailingRole: paused ? .badgeStale : .textDim, focused: true
        ).render(into: &frame, area: area, theme: theme)
        let inner = Panel.inner(area).inset(left: 1, right: 1)
        if let problem {
            frame.write(problem, in: inner, line: 0, style: theme.style(.healthCritical))
            return
        }
        if shown.isEmpty {
            frame.write(
                filter.isEmpty ? "no log lines yet" : "no line matches", in: inner, line: 0,
                style: theme.style(.textDim))
            return
        }
        let end = max(0, shown.count - scrollBack)
        let start = max(0, end - inner.height)
        for (row, line) in shown[start..<end].enumerated() {
            let x = frame.write(
                ConsoleFormat.clock(line.time) + " ", x: inner.x, y: inner.y + row, style: theme.style(.textDim),
                clip: inner)
            frame.write(line.message, x: x, y: inner.y + row, style: theme.style(.text), clip: inner)
        }
    }
}
