import Foundation

/// One problem in a configuration file, located by file, line and column.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    /// The file the problem is in (as given on the command line or found by lookup).
    public var file: String
    /// The 1-based line, or 0 when the problem concerns the whole file.
    public var line: Int
    /// The 1-based column, or 0 when unknown.
    public var column: Int
    /// What is wrong and what was expected.
    public var message: String
    /// A hint such as `did you mean "region"?`, when there is one.
    public var hint: String?

    /// Creates an issue.
    public init(file: String, line: Int, column: Int, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: message (hint)`, the form compilers use so editors can jump to it.
    public var description: String {
        var location = file
        if line > 0 {
            location += ":\(line)"
            if column > 0 { location += ":\(column)" }
        }
        var text = "\(location): \(message)"
        if let hint { text += " (\(hint))" }
        return text
    }
}

/// A configuration that could not be found, read, parsed or validated. Maps to exit code 2.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem found, in file order.
    public var issues: [ConfigIssue]

    /// Creates an error from its issues.
    public init(issues: [ConfigIssue]) {
        self.issues = issues
    }

    /// Creates an error with a single issue.
    public init(file: String, line: Int = 0, column: Int = 0, message: String, hint: String? = nil) {
        self.issues = [ConfigIssue(file: file, line: line, column: column, message: message, hint: hint)]
    }

    /// One line per issue.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
