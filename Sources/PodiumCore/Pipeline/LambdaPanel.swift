/// The Lambda function a trigger rule targets: its invocations and errors (AWS/Lambda, per 5 minutes over the last
/// hour, oldest first) and its last log lines.
public struct LambdaPanel: Sendable, Equatable, Codable {
    /// The function name.
    public var function: String
    /// Invocations per period.
    public var invocations: [Double]
    /// Errors per period.
    public var errors: [Double]
    /// The newest log lines, oldest first (at most `LambdaPanel.maxLines`).
    public var lastLines: [LogLine]
    /// What could not be read, naming the source (metrics or logs) and why.
    public var problems: [String]

    /// How many log lines a panel keeps.
    public static let maxLines = 8

    /// Creates a panel.
    public init(
        function: String, invocations: [Double] = [], errors: [Double] = [], lastLines: [LogLine] = [],
        problems: [String] = []
    ) {
        self.function = function
        self.invocations = invocations
        self.errors = errors
        self.lastLines = lastLines
        self.problems = problems
    }
}
