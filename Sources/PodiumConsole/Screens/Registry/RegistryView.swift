import Foundation
import PodiumCore
import TerminalUI

/// The registry: the groups with their pending counts, and a group's versions with environment badges.
struct RegistryView {
    let state: ConsoleState

    func renderGroups(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let status = PanelStatusText.make(
            state.groups.status(now: state.now, interval: state.registryInterval), now: state.now)
        // A long pass shows how far it has got (`groups 23/40`) beside the time of the data on screen.
        let trailing = [status.text, state.groups.progress].compactMap { $0 }.joined(separator: " · ")
        Panel(title: "Registry · model package groups", trailing: trailing, trailingRole: status.role, focused: true)
            .render(into: &buffer, area: area, theme: theme)
        // Only the rows that fit are built (see `RowWindow`): a frame costs what it shows, not the whole registry.
        let all = state.groupRows
        let tableArea = Panel.inner(area).inset(left: 1, right: 1)
        let selected = all.isEmpty ? nil : state.cursor(ConsoleScreen.groups.listKey)
        let window = RowWindow(
            rowCount: all.count, selected: selected, current: state.scrolls[ConsoleScreen.groups.listKey] ?? 0,
            tableHeight: tableArea.height)
        let rows = all[window.range].map { group -> TableRow in
            let latest = group.latestVersion.map { "v\($0) \(group.latestStatus?.rawValue ?? "")" } ?? "–"
            return TableRow([
                TableCell(group.name),
                TableCell(
                    group.pending > 0 ? "\(group.pending)" : "0", role: group.pending > 0 ? .statusPending : .textDim),
                TableCell("\(group.approved)"),
                TableCell("\(group.rejected)"),
                TableCell(latest),
                TableCell(
                    group.problem.map { "⚠ " + $0 } ?? group.description ?? "",
                    role: group.problem == nil ? nil : .healthCritical),
            ])
        }
        let table = Table(
            columns: [
                TableColumn("Group", minWidth: 10, maxWidth: 40),
                TableColumn("Pending", minWidth: 7, alignment: .right),
                TableColumn("Approved", minWidth: 8, alignment: .right),
                TableColumn("Rejected", minWidth: 8, alignment: .right),
                TableColumn("Latest", minWidth: 8, maxWidth: 30),
                TableColumn("Description", minWidth: 10, flex: 1),
            ],
            rows: rows, selectedRow: window.selectedInWindow(selected), highlight: state.currentFilter,
            emptyMessage: state.groups.value == nil ? "loading groups…" : "no group matches")
        table.render(into: &buffer, area: tableArea, theme: theme)
        buffer.recordRows(of: table, in: tableArea, list: ConsoleScreen.groups.listKey, firstIndex: window.offset)
    }

    func renderVersions(_ group: String, into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let loadable = state.versions[group] ?? Loadable()
        let status = PanelStatusText.make(
            loadable.status(now: state.now, interval: state.registryInterval), now: state.now)
        Panel(title: "Registry · \(group) · versions", trailing: status.text, trailingRole: status.role, focused: true)
            .render(into: &buffer, area: area, theme: theme)
        // Only the rows that fit are built (see `RowWindow`): a group can hold thousands of versions.
        let all = state.versionRows(group)
        let tableArea = Panel.inner(area).inset(left: 1, right: 1)
        let selected = all.isEmpty ? nil : state.cursor(ConsoleScreen.versions(group: group).listKey)
        let window = RowWindow(
            rowCount: all.count, selected: selected,
            current: state.scrolls[ConsoleScreen.versions(group: group).listKey] ?? 0, tableHeight: tableArea.height)
        let rows = all[window.range].map { version -> TableRow in
            let envs = state.environmentsRunning(VersionKey(group: group, version: version.version))
            return TableRow([
                TableCell("v\(version.version)"),
                TableCell(version.status.rawValue, role: RegistryView.statusRole(version.status)),
                TableCell(ConsoleFormat.age(of: version.created, now: state.now)),
                TableCell(version.createdBy.map(ConsoleFormat.shortActor) ?? "–"),
                TableCell(envs.map { "[\($0)]" }.joined(separator: " "), role: .badge),
                TableCell(version.description ?? ""),
            ])
        }
        let table = Table(
            columns: [
                TableColumn("Version", minWidth: 7),
                TableColumn("Status", minWidth: 8, maxWidth: 21),
                TableColumn("Age", minWidth: 4, alignment: .right),
                TableColumn("Author", minWidth: 6, maxWidth: 28),
                TableColumn("Running in", minWidth: 10, maxWidth: 30),
                TableColumn("Description", minWidth: 10, flex: 1),
            ],
            rows: rows, selectedRow: window.selectedInWindow(selected), highlight: state.currentFilter,
            emptyMessage: loadable.value == nil ? "loading versions…" : "no version matches")
        table.render(into: &buffer, area: tableArea, theme: theme)
        buffer.recordRows(
            of: table, in: tableArea, list: ConsoleScreen.versions(group: group).listKey, firstIndex: window.offset)
    }

    static func statusRole(_ status: ApprovalStatus) -> ThemeRole {
        switch status {
        case .pending: return .statusPending
        case .approved: return .statusApproved
        case .rejected: return .statusRejected
        case .other: return .text
        }
    }
}
