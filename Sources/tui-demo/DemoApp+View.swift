import Foundation
import TerminalUI

extension DemoApp {
    /// Title bar, table, filter line or key hints, status bar with the clock; the modal on top.
    func view(_ state: DemoState, into frame: inout FrameBuffer, cursor: inout CursorPosition?) {
        let area = frame.bounds
        frame.fill(area, style: theme.style(.text))
        let visible = state.visibleRows
        TitleBar(title: "tui-demo", breadcrumbs: ["Endpoints"], trailing: "\(visible.count) endpoints")
            .render(into: &frame, area: area.row(0), theme: theme)

        let tableArea = Rect(x: 0, y: 1, width: area.width, height: max(0, area.height - 3))
        let rows = visible.map { endpoint in
            TableRow([
                TableCell(endpoint.name),
                TableCell(endpoint.environment, role: endpoint.environment == "prod" ? .envAccent : nil),
                TableCell(endpoint.status, role: statusRole(endpoint.status)),
                TableCell("v\(endpoint.version)"),
                TableCell(endpoint.instances),
            ])
        }
        Table(
            columns: [
                TableColumn("NAME", minWidth: 12, flex: 2),
                TableColumn("ENV", minWidth: 7, maxWidth: 8),
                TableColumn("STATUS", minWidth: 9, maxWidth: 10),
                TableColumn("VERSION", minWidth: 7, maxWidth: 8, alignment: .right),
                TableColumn("INSTANCES", minWidth: 10, flex: 1),
            ],
            rows: rows, selectedRow: visible.isEmpty ? nil : state.selected, scrollOffset: state.scroll,
            focused: true, highlight: state.filter.text, emptyMessage: "no endpoint matches the filter"
        ).render(into: &frame, area: tableArea, theme: theme)

        let inputRow = area.row(area.height - 2)
        if case .filter = state.mode {
            let input = InputLine(prompt: "/", editor: state.filter, placeholder: "filter endpoints")
            input.render(into: &frame, area: inputRow, theme: theme)
            if let position = input.cursorPosition(in: inputRow) {
                cursor = CursorPosition(x: position.x, y: position.y)
            }
        } else {
            let hints = "j/k move  / filter  d delete  D typed delete  r refresh  q quit"
            frame.write(hints, in: inputRow, style: theme.style(.textDim))
        }

        var left = [
            StatusSegment("\(visible.isEmpty ? 0 : state.selected + 1)/\(visible.count)"),
            StatusSegment("key: \(state.lastKey)"),
            StatusSegment(state.message),
        ]
        if state.refreshing { left.insert(.badge("REFRESHING"), at: 0) }
        StatusBar(left: left, right: [StatusSegment(DemoApp.clock(state.now))])
            .render(into: &frame, area: area.row(area.height - 1), theme: theme)

        if case .confirm(let modal, _) = state.mode {
            modal.render(into: &frame, area: tableArea, theme: theme)
        }
    }

    private func statusRole(_ status: String) -> ThemeRole {
        switch status {
        case "InService": return .healthOK
        case "Updating": return .statusRunning
        case "Failed": return .healthCritical
        default: return .text
        }
    }

    /// `HH:MM:SS` in the local time zone.
    static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + TimeZone.current.secondsFromGMT(for: date)
        let day = ((seconds % 86_400) + 86_400) % 86_400
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(day / 3600)):\(two(day / 60 % 60)):\(two(day % 60))"
    }
}
