import TextSupport

extension EditDistance {
    /// The "did you mean" rule for TerminalUI's names (themes, roles, keys, key-map actions): exact case, and a
    /// word that is a prefix or an extension of a name (`blinking` → `blink`) counts as close.
    static func closest(to word: String, in candidates: [String]) -> String? {
        suggestion(for: word, among: candidates, ignoringCase: false, acceptingPrefixes: true)
    }
}
