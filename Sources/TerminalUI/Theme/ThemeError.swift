/// A problem in a theme file, with where it is: `themes/x.yaml:12:5: unknown role "helth.ok" (did you mean "health.ok"?)`.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (path or `<builtin:name>`).
    public let file: String
    /// Line, from 1 (0 when unknown).
    public let line: Int
    /// Column, from 1 (0 when unknown).
    public let column: Int
    /// What is wrong.
    public let message: String

    /// Creates an error.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:col: message`.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}
