import PodiumCore

/// Ends the command with an exit code and a message on stderr (empty message: nothing printed).
struct CLIExit: Error {
    /// The exit code.
    var code: Int32
    /// The message.
    var message: String

    init(_ code: Int32, _ message: String = "") {
        self.code = code
        self.message = message
    }

    /// Ends the command with the exit code of a kind of failure.
    init(_ kind: PodiumError.Kind, _ message: String = "") {
        self.init(Self.code(for: kind), message)
    }

    /// The exit code of a kind of failure (the table in docs/cli.md): 1 failed (or interrupted), 2 bad usage or
    /// config (an unknown environment, group or version too), 3 refused. PodiumCore names the kind; only the CLI
    /// turns it into a number.
    static func code(for kind: PodiumError.Kind) -> Int32 {
        switch kind {
        case .failed, .interrupted, .outcomeUnknown: return 1
        case .usage, .notFound: return 2
        case .refused: return 3
        }
    }

    /// The exit code of any error, by its kind (`PodiumError.kind(of:)`).
    static func code(for error: any Error) -> Int32 {
        code(for: PodiumError.kind(of: error))
    }
}
