import Foundation
import TerminalUI

/// The engine demo: a navigable table, a `/` filter, y/n and typed confirmations, a refresh that takes a
/// while (an effect), and a clock in the status bar driven by the runtime's tick.
struct DemoApp: TerminalApp {
    typealias State = DemoState
    typealias Action = DemoAction

    /// Resolved theme (colour depth and glyphs of the terminal).
    let theme: Theme
    /// How long the simulated refresh takes.
    let refreshLatency: Duration
    /// Whether `!` crashes the demo (`--crash-key`), to test that a fatal error restores the terminal.
    var crashKey = false

    var minimumSize: TerminalSize { TerminalSize(width: 40, height: 10) }

    func keyAction(for event: KeyEvent, state: DemoState) -> DemoAction? {
        // Ctrl-C is left to the runtime, which quits (RuntimeOptions.interruptKeyQuits).
        if event == .key(.ctrl("c")) { return nil }
        return .input(event)
    }

    func tickAction(at date: Date, state: DemoState) -> DemoAction? { .tick(date) }

    func update(_ state: inout DemoState, _ action: DemoAction) -> [Effect<DemoAction>] {
        switch action {
        case .tick(let date):
            state.now = date
            return []
        case .refreshed(let generation, let rows):
            guard generation == state.refreshGeneration else { return [] }
            state.rows = rows
            state.refreshing = false
            state.refreshCount += 1
            state.message = "refreshed #\(state.refreshCount)"
            clampSelection(&state)
            return []
        case .input(let event):
            return handle(event, state: &state)
        }
    }

    // MARK: - Input

    private func handle(_ event: KeyEvent, state: inout DemoState) -> [Effect<DemoAction>] {
        switch event {
        case .resize(let width, let height):
            state.size = TerminalSize(width: width, height: height)
            state.message = "resized to \(width)x\(height)"
            clampSelection(&state)
            return []
        case .paste(let text):
            if case .filter = state.mode {
                _ = state.filter.handle(event)
                state.selected = 0
                return []
            }
            if case .confirm(var modal, let target) = state.mode {
                _ = modal.handle(event)
                state.mode = .confirm(modal, target: target)
                return []
            }
            let clean = Sanitizer(maxGraphemes: 40).sanitize(text)
            state.message = "pasted \(text.count) chars: \(clean)"
            return []
        case .mouse:
            // The demo does not ask for mouse reports; the runtime routes them to `mouseAction` anyway.
            return []
        case .key(let key):
            state.lastKey = key.description
            switch state.mode {
            case .filter:
                return handleFilter(event, state: &state)
            case .confirm(var modal, let target):
                switch modal.handle(event) {
                case .confirmed:
                    state.rows.removeAll { $0.name == target }
                    state.mode = .table
                    state.message = "deleted \(target)"
                    clampSelection(&state)
                case .cancelled:
                    state.mode = .table
                    state.message = "cancelled"
                case .pending:
                    state.mode = .confirm(modal, target: target)
                }
                return []
            case .table:
                return handleTable(key, state: &state)
            }
        }
    }

    private func handleFilter(_ event: KeyEvent, state: inout DemoState) -> [Effect<DemoAction>] {
        switch state.filter.handle(event) {
        case .submitted(let text):
            state.mode = .table
            state.message = text.isEmpty ? "filter cleared" : "filter: \(text)"
        case .cancelled:
            state.filter = LineEditor(maxLength: 64)
            state.mode = .table
            state.message = "filter cancelled"
        case .edited, .completed:
            state.selected = 0
            state.scroll = 0
        case .moved, .ignored:
            break
        }
        return []
    }

    private func handleTable(_ key: Key, state: inout DemoState) -> [Effect<DemoAction>] {
        let page = max(1, state.size.height - 4)
        switch key {
        case .char("q"):
            return [.quit]
        case .char("j"), .down:
            state.selected += 1
        case .char("k"), .up:
            state.selected -= 1
        case .char("g"), .home:
            state.selected = 0
        case .char("G"), .end:
            state.selected = state.visibleRows.count - 1
        case .pageDown:
            state.selected += page
        case .pageUp:
            state.selected -= page
        case .char("/"):
            state.mode = .filter
            state.message = "filter: type, Enter to keep, Esc to clear"
        case .char("d"):
            guard let row = state.selectedRow else { return [] }
            let modal = ConfirmationModal(
                title: "Delete endpoint", message: "Delete \(row.name)? (y/n)", mode: .yesNo, destructive: true)
            state.mode = .confirm(modal, target: row.name)
        case .char("D"):
            guard let row = state.selectedRow else { return [] }
            let modal = ConfirmationModal(
                title: "Delete endpoint", message: "Type \(row.name) to confirm",
                mode: .typed(expected: row.name), destructive: true)
            state.mode = .confirm(modal, target: row.name)
        case .char("r"):
            return refresh(&state)
        case .char("!") where crashKey:
            fatalError("tui-demo: crash requested with --crash-key")
        default:
            state.message = "key \(key)"
        }
        clampSelection(&state)
        return []
    }

    private func refresh(_ state: inout DemoState) -> [Effect<DemoAction>] {
        state.refreshGeneration += 1
        state.refreshing = true
        state.message = "refreshing…"
        let generation = state.refreshGeneration
        let rows = state.rows
        let latency = refreshLatency
        // The "network call": it takes a while, and the loop keeps handling keys meanwhile.
        return [
            .task(id: "refresh") {
                try? await Task.sleep(for: latency)
                return .refreshed(generation: generation, rows: rows)
            }
        ]
    }

    private func clampSelection(_ state: inout DemoState) {
        let count = state.visibleRows.count
        state.selected = max(0, min(state.selected, count - 1))
        state.scroll = Table.scrollOffset(
            selected: state.selected, current: state.scroll, visibleRows: max(1, state.size.height - 4),
            rowCount: count)
    }
}
