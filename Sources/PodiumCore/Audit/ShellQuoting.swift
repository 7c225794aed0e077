/// POSIX shell quoting for the commands written into audit records, so a record can be pasted into `sh`, `bash`
/// or `zsh` and run with exactly the arguments it names, whatever they hold (quotes, newlines, `$(...)`,
/// backquotes, globs, a leading `-`).
public enum ShellQuoting {
    /// Characters that need no quoting in any POSIX shell (no expansion, globbing, word splitting or history).
    static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-")

    /// One word for the shell: as is when it only holds plain characters (and is not empty), else inside single
    /// quotes, where nothing is special except the closing quote; a `'` becomes `'\''` (close, escaped quote,
    /// reopen). Newlines and control characters are kept literally, which single quotes allow: the word means
    /// exactly the original string. The one exception is NUL, which no program argument can hold: it is
    /// dropped. (Showing a command on a terminal is the displayer's job: sanitize there.)
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ plain.contains($0) }) { return word }
        let kept = word.replacingOccurrences(of: "\u{0}", with: "")
        return "'" + kept.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// The words quoted and joined with spaces.
    public static func join(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }
}
