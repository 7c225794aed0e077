/// A single-line text editor as a value: text, cursor and Tab completion, driven by `KeyEvent`s.
///
/// Keys: printable characters insert; ←/→ (Ctrl-B/Ctrl-F) move; Home/End and Ctrl-A/Ctrl-E jump;
/// Alt-B/Alt-F move by word; Backspace (Ctrl-H) and Delete (Ctrl-D) delete; Ctrl-U deletes to the start,
/// Ctrl-K to the end, Ctrl-W the word before the cursor; a paste is sanitized and inserted; Tab completes
/// from `candidates` (longest common prefix, then cycles); Enter submits; Esc cancels.
public struct LineEditor: Hashable, Sendable {
    /// What a key did.
    public enum Outcome: Hashable, Sendable {
        /// The text changed.
        case edited
        /// Only the cursor moved.
        case moved
        /// Tab completion changed the text.
        case completed
        /// Enter: the text to act on.
        case submitted(String)
        /// Esc.
        case cancelled
        /// The editor does not use this event (the caller may).
        case ignored
    }

    private var characters: [Character]
    /// Cursor position in graphemes, 0…count.
    public private(set) var cursor: Int
    /// Most graphemes the text may hold (longer pastes are cut).
    public var maxLength: Int
    /// Whole-line completion candidates (e.g. `pending`, `env prod`, `theme mono`).
    public var candidates: [String]
    private var completionBase: String?
    private var completionIndex: Int = -1

    /// Creates an editor with initial text (cursor at the end).
    public init(text: String = "", maxLength: Int = 256, candidates: [String] = []) {
        self.maxLength = max(1, maxLength)
        self.characters = Array(Sanitizer.default.sanitize(text).prefix(self.maxLength))
        self.cursor = characters.count
        self.candidates = candidates
    }

    /// The current text.
    public var text: String { String(characters) }

    /// Display column of the cursor within the text.
    public var cursorColumn: Int { characters[..<cursor].reduce(0) { $0 + CharacterWidth.of($1) } }

    /// Candidates that start with the text (case-insensitive), in their given order.
    public var matchingCandidates: [String] {
        let prefix = (completionBase ?? text).lowercased()
        return candidates.filter { $0.lowercased().hasPrefix(prefix) }
    }

    /// The candidate the next Tab would choose, if any.
    public var nextCompletion: String? {
        let matches = matchingCandidates
        guard !matches.isEmpty else { return nil }
        if matches.count == 1 { return matches[0] }
        return matches[(completionIndex + 1) % matches.count]
    }

    /// Replaces the text (sanitized) and puts the cursor at the end.
    public mutating func setText(_ newText: String) {
        characters = Array(Sanitizer.default.sanitize(newText).prefix(maxLength))
        cursor = characters.count
        resetCompletion()
    }

    /// Applies one input event.
    public mutating func handle(_ event: KeyEvent) -> Outcome {
        switch event {
        case .paste(let pasted):
            return insert(Sanitizer.default.sanitize(pasted))
        case .resize, .mouse:
            return .ignored
        case .key(let key):
            return handle(key)
        }
    }

    private mutating func handle(_ key: Key) -> Outcome {
        let m = key.modifiers
        switch key.code {
        case .character(let c) where m.isEmpty:
            return insert(String(c))
        case .character(let c) where m == .ctrl:
            switch c {
            case "a": return move(to: 0)
            case "e": return move(to: characters.count)
            case "b": return move(to: cursor - 1)
            case "f": return move(to: cursor + 1)
            case "h": return deleteBackward()
            case "d": return deleteForward()
            case "u": return delete(0..<cursor)
            case "k": return delete(cursor..<characters.count)
            case "w": return delete(wordStart(before: cursor)..<cursor)
            default: return .ignored
            }
        case .character(let c) where m == .alt:
            switch c {
            case "b": return move(to: wordStart(before: cursor))
            case "f": return move(to: wordEnd(after: cursor))
            case "d": return delete(cursor..<wordEnd(after: cursor))
            default: return .ignored
            }
        case .left where m.isEmpty: return move(to: cursor - 1)
        case .right where m.isEmpty: return move(to: cursor + 1)
        case .left where m.contains(.ctrl) || m.contains(.alt): return move(to: wordStart(before: cursor))
        case .right where m.contains(.ctrl) || m.contains(.alt): return move(to: wordEnd(after: cursor))
        case .home: return move(to: 0)
        case .end: return move(to: characters.count)
        case .backspace: return deleteBackward()
        case .delete: return deleteForward()
        case .enter: return .submitted(text)
        case .escape: return .cancelled
        case .tab where m.isEmpty: return complete()
        default: return .ignored
        }
    }

    // MARK: - Editing

    private mutating func insert(_ string: String) -> Outcome {
        let room = maxLength - characters.count
        guard room > 0, !string.isEmpty else { return .ignored }
        let new = Array(string.prefix(room))
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
        resetCompletion()
        return .edited
    }

    private mutating func move(to position: Int) -> Outcome {
        cursor = min(max(0, position), characters.count)
        return .moved
    }

    private mutating func deleteBackward() -> Outcome {
        guard cursor > 0 else { return .ignored }
        return delete((cursor - 1)..<cursor)
    }

    private mutating func deleteForward() -> Outcome {
        guard cursor < characters.count else { return .ignored }
        return delete(cursor..<(cursor + 1))
    }

    private mutating func delete(_ range: Range<Int>) -> Outcome {
        guard !range.isEmpty else { return .ignored }
        characters.removeSubrange(range)
        cursor = range.lowerBound
        resetCompletion()
        return .edited
    }

    private func wordStart(before position: Int) -> Int {
        var i = position
        while i > 0 && characters[i - 1] == " " { i -= 1 }
        while i > 0 && characters[i - 1] != " " { i -= 1 }
        return i
    }

    private func wordEnd(after position: Int) -> Int {
        var i = position
        while i < characters.count && characters[i] == " " { i += 1 }
        while i < characters.count && characters[i] != " " { i += 1 }
        return i
    }

    // MARK: - Completion

    private mutating func resetCompletion() {
        completionBase = nil
        completionIndex = -1
    }

    private mutating func complete() -> Outcome {
        let matches = matchingCandidates
        guard !matches.isEmpty else { return .ignored }
        if matches.count == 1 {
            replaceForCompletion(matches[0])
            resetCompletion()
            return .completed
        }
        if completionBase == nil {
            let common = LineEditor.commonPrefix(matches)
            if common.count > characters.count {
                replaceForCompletion(common)
                return .completed
            }
            completionBase = text
        }
        completionIndex = (completionIndex + 1) % matches.count
        replaceForCompletion(matches[completionIndex])
        return .completed
    }

    private mutating func replaceForCompletion(_ value: String) {
        characters = Array(value.prefix(maxLength))
        cursor = characters.count
    }

    /// The longest common prefix of strings, compared case-insensitively (taken from the first).
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for s in strings.dropFirst() {
            let chars = Array(s)
            var n = 0
            while n < prefix.count && n < chars.count && prefix[n].lowercased() == chars[n].lowercased() { n += 1 }
            prefix = Array(prefix[..<n])
        }
        return String(prefix)
    }
}
