/// Why the ncurses terminal could not be used.
public enum NCursesError: Error, CustomStringConvertible, Sendable {
    /// ncurses could not set up the terminal (unknown `TERM`, or input/output is not a terminal).
    case cannotInitialize(term: String)
    /// The input thread could not be started.
    case cannotStartInput(String)

    /// A message for the user.
    public var description: String {
        switch self {
        case .cannotInitialize(let term):
            return "cannot initialise the terminal (TERM=\(term.isEmpty ? "<unset>" : term)): "
                + "is this a terminal, and is TERM known to terminfo? Try TERM=xterm-256color."
        case .cannotStartInput(let reason):
            return "cannot read keys from the terminal: \(reason)"
        }
    }
}
