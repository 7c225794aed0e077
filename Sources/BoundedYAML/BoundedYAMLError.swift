/// A YAML file refused before it was composed: an anchor, an alias, or too deep or too large.
public struct BoundedYAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the offending node.
    public var line: Int
    /// The 1-based column of the offending node.
    public var column: Int
    /// What was refused and what to do instead.
    public var message: String

    /// Creates an error.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}
