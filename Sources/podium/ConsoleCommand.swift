import ArgumentParser

/// `podium console`: the interactive console (wired by the console issue).
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "The interactive console (default).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw CLIExit(
            2, "the interactive console is not available yet in this build; use the scripting commands (podium --help)")
    }
}

/// `podium watch`: the read-only wall screen (wired by the console issue).
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Read-only wall-screen mode.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw CLIExit(2, "watch mode is not available yet in this build; use `podium status` for a one-shot view")
    }
}
