import Foundation
import TerminalUI

/// State-only helpers: they change or read the state and never need the app (its service or clock).
extension ConsoleState {
    /// Records an error for the status bar; `source` lets a later success of the same source clear it.
    public mutating func noteError(_ message: String, at date: Date, source: String? = nil) {
        lastError = (message, date)
        lastErrorSource = source
    }

    /// Clears the status bar's error if it came from `source`, which has just succeeded.
    public mutating func clearError(source: String) {
        guard lastErrorSource == source else { return }
        lastError = nil
        lastErrorSource = nil
    }

    /// Keeps the status bar in step with a data source's landed result: a success clears the source's error,
    /// a failure shows it (`prod: timed out after 20s`), an ignored (older) result changes nothing.
    public mutating func record(_ landing: Landing, from source: DataSource, at date: Date) {
        switch landing {
        case .stored: clearError(source: source.id)
        case .failed(let message): noteError("\(source.label): \(message)", at: date, source: source.id)
        case .ignored: break
        }
    }

    /// Posts a toast.
    public mutating func toast(_ message: String, kind: Toast.Kind, lifetime: Double = 6) {
        toasts.post(message, kind: kind, now: now.timeIntervalSince1970, lifetime: lifetime)
    }

    /// Whether a promotion or rollback may start: one at a time. While one runs, a new one is refused with a toast
    /// naming the key that shows the running one.
    public mutating func allowsNewDeployment() -> Bool {
        guard let run = deployment, run.isRunning else { return true }
        toast("\(run.label) is still running (\(keyHint(.showDeployment)))", kind: .error)
        return false
    }

    /// Keeps a list's cursor within its rows.
    public mutating func clampCursor(_ key: String, count: Int) {
        cursors[key] = max(0, min(cursors[key] ?? 0, count - 1))
    }

    /// The row under a screen's cursor (the cursor is clamped to the rows), or nil for an empty list.
    public func selection<Row>(of rows: [Row], on screen: ConsoleScreen) -> Row? {
        rows.isEmpty ? nil : rows[min(cursor(screen.listKey), rows.count - 1)]
    }

    /// The command a key triggers in an overlay's scope (its own bindings only: an overlay takes every key).
    public func overlayCommand(for key: Key, in scope: String) -> ConsoleCommand? {
        guard let binding = effectiveKeyMap.ownBinding(for: key, in: scope), binding.isEnabled else { return nil }
        return binding.action
    }

    /// A key for a line editor, as the overlay's scope binds it: a key bound to one of `canonical`'s commands
    /// becomes the editor's own key for it (Enter, Esc, Tab), and the editor's key that the table no longer
    /// binds is dropped, so overrides reach the editors too.
    func editorEvent(_ event: KeyEvent, scope: String, _ canonical: [ConsoleCommand: Key]) -> KeyEvent? {
        guard case .key(let key) = event else { return event }
        if let command = overlayCommand(for: key, in: scope), let mapped = canonical[command] {
            return .key(mapped)
        }
        return canonical.values.contains(key) ? nil : event
    }
}

extension ConsoleState {
    /// `w shows it`: how to reach a command, from the key table (so an override shows in the hint).
    public func keyHint(_ command: ConsoleCommand) -> String {
        guard let key = keyMap.binding(forAction: command)?.keys.first else { return "no key shows it" }
        return "\(key.label(glyphs: theme.glyphs)) shows it"
    }
}
