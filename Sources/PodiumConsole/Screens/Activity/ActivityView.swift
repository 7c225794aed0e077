import Foundation
import PodiumCore
import TerminalUI

/// Activity: the audit log (what podium changed) and recent approval changes (by anyone).
struct ActivityView {
    let state: ConsoleState

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let halves = Layout.rows(area, [.percent(50), .flex(1)])
        let cursor = state.cursor(ConsoleScreen.activity.listKey)
        let audit = state.auditRows
        let auditStatus = PanelStatusText.make(
            state.audit.status(now: state.now, interval: state.auditInterval), now: state.now)
        // A torn last line (a kill or a full disk mid-write) is skipped, and said so, never fatal.
        let skipped = state.auditUnreadableLines
        let title =
            (state.config.audit.map { "Activity · team audit log \($0.group)" } ?? "Activity · audit log")
            + (skipped > 0 ? " · \(skipped) unreadable line\(skipped == 1 ? "" : "s") skipped" : "")
        Panel(
            title: title, trailing: auditStatus.text, trailingRole: auditStatus.role,
            focused: cursor < audit.count
        )
        .render(into: &buffer, area: halves[0], theme: theme)
        let auditTable = table(
            audit, selected: cursor < audit.count ? cursor : nil,
            empty: state.audit.value == nil ? "reading the audit log…" : "no podium changes recorded yet")
        let auditArea = Panel.inner(halves[0]).inset(left: 1, right: 1)
        auditTable.render(into: &buffer, area: auditArea, theme: theme)
        buffer.recordRows(of: auditTable, in: auditArea, list: ConsoleScreen.activity.listKey)

        let approvals = state.approvalRows
        Panel(
            title: "Recent approval changes", trailing: registryAge, trailingRole: .textDim,
            focused: cursor >= audit.count
        )
        .render(into: &buffer, area: halves[1], theme: theme)
        let selected = cursor >= audit.count ? cursor - audit.count : nil
        let approvalTable = table(
            approvals, selected: selected, empty: state.versions.isEmpty ? "loading…" : "no approval changes")
        let approvalArea = Panel.inner(halves[1]).inset(left: 1, right: 1)
        approvalTable.render(into: &buffer, area: approvalArea, theme: theme)
        // The approval rows follow the audit rows under the one cursor.
        buffer.recordRows(
            of: approvalTable, in: approvalArea, list: ConsoleScreen.activity.listKey, firstIndex: audit.count)
    }

    var registryAge: String {
        let times = state.versions.values.compactMap(\.lastSuccess)
        guard let oldest = times.min() else { return "loading…" }
        return "updated \(ConsoleFormat.clock(oldest))"
    }

    func table(_ rows: [ActivityRow], selected: Int?, empty: String) -> Table {
        Table(
            columns: [
                TableColumn("Time", minWidth: 8),
                TableColumn("Who", minWidth: 6, maxWidth: 30),
                TableColumn("Where", minWidth: 5, maxWidth: 10),
                TableColumn("What", minWidth: 6, maxWidth: 12),
                TableColumn("Target", minWidth: 8, maxWidth: 36),
                TableColumn("Outcome", minWidth: 8, flex: 1),
            ],
            rows: rows.map { row in
                TableRow(
                    [
                        TableCell(
                            ConsoleFormat.clock(row.time) + " " + ConsoleFormat.age(of: row.time, now: state.now)),
                        TableCell(row.actor), TableCell(row.place), TableCell(row.what), TableCell(row.target),
                        TableCell(row.detail, role: row.isProblem ? .healthWarn : row.inProgress ? .textDim : nil),
                    ])
            },
            selectedRow: selected, highlight: state.currentFilter, emptyMessage: empty)
    }
}
