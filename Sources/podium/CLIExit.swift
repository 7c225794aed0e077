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
}
