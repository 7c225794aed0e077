import Foundation
import TerminalUI

/// The demo's whole state.
struct DemoState: Sendable {
    /// What has focus.
    enum Mode: Sendable {
        case table
        case filter
        case confirm(ConfirmationModal, target: String)
    }

    var rows: [DemoEndpoint]
    var selected = 0
    var scroll = 0
    var mode: Mode = .table
    var filter = LineEditor(maxLength: 64)
    var now: Date
    var lastKey = "-"
    var message = "ready"
    var refreshing = false
    var refreshGeneration = 0
    var refreshCount = 0
    var size = TerminalSize(width: 0, height: 0)

    /// The rows that pass the filter (case-insensitive substring of name, environment or status).
    var visibleRows: [DemoEndpoint] {
        let needle = filter.text.lowercased()
        guard !needle.isEmpty else { return rows }
        return rows.filter {
            $0.name.lowercased().contains(needle) || $0.environment.contains(needle)
                || $0.status.lowercased().contains(needle)
        }
    }

    /// The selected row, if any.
    var selectedRow: DemoEndpoint? {
        let visible = visibleRows
        return visible.indices.contains(selected) ? visible[selected] : nil
    }
}
