import Foundation
import PodiumCore
import TerminalUI

/// The pending queue: every version waiting for approval, oldest first.
struct PendingView {
    let state: ConsoleState

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let status = PanelStatusText.make(
            state.pending.status(now: state.now, interval: state.registryInterval), now: state.now)
        let count = state.pending.value.map { " (\($0.count))" } ?? ""
        Panel(
            title: "Pending approval\(count) · oldest first",
            trailing: [status.text, state.pending.progress].compactMap { $0 }.joined(separator: " · "),
            trailingRole: status.role,
            focused: true
        )
        .render(into: &buffer, area: area, theme: theme)
        // Only the rows that fit are built (the queue can hold thousands): a frame costs what it shows.
        let all = state.pendingRows
        let tableArea = Panel.inner(area).inset(left: 1, right: 1)
        let visible = max(0, tableArea.height - 1)
        let selected = all.isEmpty ? nil : state.cursor(ConsoleScreen.pending.listKey)
        // From where a click left the window (`scrolls`; nothing else sets it), moved only to keep the cursor in view.
        let offset = Table.scrollOffset(
            selected: selected, current: state.scrolls[ConsoleScreen.pending.listKey] ?? 0, visibleRows: visible,
            rowCount: all.count)
        let window = all.isEmpty ? [] : all[offset..<min(all.count, offset + max(visible, 1))]
        let rows = window.map { version -> TableRow in
            TableRow([
                TableCell(version.group),
                TableCell("v\(version.version)", role: .statusPending),
                TableCell(ConsoleFormat.age(of: version.created, now: state.now)),
                TableCell(version.createdBy.map(ConsoleFormat.shortActor) ?? "–"),
                TableCell(version.description ?? ""),
            ])
        }
        let table = Table(
            columns: [
                TableColumn("Group", minWidth: 8, maxWidth: 30),
                TableColumn("Version", minWidth: 7),
                TableColumn("Age", minWidth: 4, alignment: .right),
                TableColumn("Author", minWidth: 6, maxWidth: 28),
                TableColumn("Description", minWidth: 10, flex: 1),
            ],
            rows: rows, selectedRow: selected.map { $0 - offset },
            highlight: state.currentFilter,
            emptyMessage: state.pending.value == nil ? "loading the queue…" : "nothing waiting for approval")
        table.render(into: &buffer, area: tableArea, theme: theme)
        buffer.recordRows(of: table, in: tableArea, list: ConsoleScreen.pending.listKey, firstIndex: offset)
    }
}
