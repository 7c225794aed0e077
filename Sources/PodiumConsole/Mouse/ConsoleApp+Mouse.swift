import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// Rows one wheel notch moves the selection (as htop does).
    static let wheelRows = 3

    /// A click or wheel notch becomes `.mouse` when the config asks for the mouse (`mouse: true`); the backend
    /// reports none otherwise, and a `:reload` that turns it off is obeyed here at once.
    public func mouseAction(for input: MouseInput, state: ConsoleState) -> ConsoleAction? {
        state.config.mouse ? .mouse(input) : nil
    }

    /// What a gesture does, by the target drawn under the pointer:
    /// - a tab: that tab's screen (as its number key does);
    /// - a row of the list shown: selects it; the row already selected does what Enter does there (opens or
    ///   drills in; nothing that changes AWS: approve, promote and rollback keep their keys and their panes);
    /// - the wheel over the screen's body: moves the selection (or scrolls the text) 3 rows per notch.
    /// With an overlay or the progress pane open, clicks do nothing (a pane's y/n or typed confirmation is never
    /// answered by the mouse); the wheel scrolls the help screen.
    func handleMouse(_ state: inout ConsoleState, _ input: MouseInput) -> [Effect<ConsoleAction>] {
        guard let target = input.target(as: ConsoleHitTarget.self) else { return [] }
        if let overlay = state.overlay {
            switch (overlay, input.gesture, target) {
            case (.help(let scroll), .wheel(let notches), _):
                state.overlay = .help(scroll: max(0, scroll + notches * Self.wheelRows))
            case (.promotePicker(let picker), .click(.left), .pickerTarget(let index)):
                return clickPickerTarget(&state, picker, index)
            case (.promotePicker(var picker), .wheel(let notches), _):
                _ = picker.handle(notches < 0 ? .pickerUp : .pickerDown)
                state.overlay = .promotePicker(picker)
            default:
                break
            }
            return []
        }
        if let run = state.deployment, !run.hidden { return [] }
        switch (input.gesture, target) {
        case (.click(.left), .tab(let tab)):
            return clickTab(&state, tab)
        case (.click(.left), .row(let list, let index, let shownFrom)) where list == state.screen.listKey:
            return clickRow(&state, index, shownFrom: shownFrom)
        case (.wheel(let notches), .row(let list, _, _)), (.wheel(let notches), .body(let list)):
            guard list == state.screen.listKey else { return [] }
            return scroll(&state, notches: notches)
        default:
            return []
        }
    }

    /// A tab's screen (the watch screen shows, and so offers, only its pages).
    private func clickTab(_ state: inout ConsoleState, _ tab: ConsoleTab) -> [Effect<ConsoleAction>] {
        if state.options.isWatch && !state.options.pages.contains(tab) { return [] }
        return switchTab(&state, tab)
    }

    /// Selects a promotion target; on the one selected, does what the pick key does: the plan pane opens with its
    /// confirmation (y/n or the typed endpoint name), which a click never answers.
    private func clickPickerTarget(_ state: inout ConsoleState, _ picker: PromotePicker, _ index: Int)
        -> [Effect<ConsoleAction>]
    {
        guard picker.targets.indices.contains(index) else { return [] }
        if index != picker.cursor {
            var moved = picker
            moved.cursor = index
            moved.cursorMoved = true
            moved.message = nil
            state.overlay = .promotePicker(moved)
            return []
        }
        // Through the picker's own key path (its scope in the key table, overrides included).
        guard let key = state.effectiveKeyMap.binding(forAction: .pickerPick)?.keys.first else { return [] }
        return handleOverlay(&state, .promotePicker(picker), .key(key))
    }

    /// Selects row `index` of the list shown, keeping the rows where they were drawn (from `shownFrom`), so the
    /// next click lands on the same row; on the row already selected, does what Enter does there.
    private func clickRow(_ state: inout ConsoleState, _ index: Int, shownFrom: Int) -> [Effect<ConsoleAction>] {
        let key = state.screen.listKey
        if index == state.cursor(key) { return activate(&state) }
        state.cursors[key] = index
        state.scrolls[key] = shownFrom
        return apply(.moved, &state)
    }

    /// Enter on the screen shown, if the effective key map has it here and it is enabled (activity and
    /// pipeline rows, log lines and the watch screen open nothing).
    private func activate(_ state: inout ConsoleState) -> [Effect<ConsoleAction>] {
        let map = state.effectiveKeyMap
        guard
            let binding = map.bindings(in: state.screen.scope).first(where: { $0.action == .open }),
            binding.isEnabled, !binding.destructive
        else { return [] }
        return handleScreen(&state, .open)
    }

    /// The wheel: up or down `wheelRows` per notch, as the arrow keys move (a list's selection, the detail's
    /// or the log's scroll), through the screen's sub-model; rows brought into view are described once.
    private func scroll(_ state: inout ConsoleState, notches: Int) -> [Effect<ConsoleAction>] {
        let command: ConsoleCommand = notches < 0 ? .up : .down
        var screen = state.screen.model.init(state)
        var moved = false
        for _ in 0..<(abs(notches) * Self.wheelRows) where screen.handle(command) == .moved { moved = true }
        screen.store(in: &state)
        return moved ? apply(.moved, &state) : []
    }
}
