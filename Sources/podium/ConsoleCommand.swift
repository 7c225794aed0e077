import ArgumentParser
import Foundation
import PodiumConsole
import PodiumCore
import TerminalNCurses
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `podium console` (also `podium` alone): the interactive console.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "The interactive console (default).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await ConsoleRun.start(global: global, options: ConsoleOptions(mode: .console))
    }
}

/// `podium watch`: the read-only wall screen.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Read-only wall-screen mode (no mutating key, no prompt).",
        discussion: "Builds only read-only AWS clients. Keys: Tab/1-5 pages, r refresh, ? help, q quit.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Refresh every source at this interval (e.g. 10s; default: the config's refresh).")
    var refresh: String?

    @Option(name: .long, help: "Rotate the pages at this interval (e.g. 20s).")
    var rotate: String?

    @Option(name: .long, help: "Pages to show, comma-separated: dashboard,pending,activity,registry,pipeline.")
    var pages: String?

    func run() async throws {
        var options = ConsoleOptions(mode: .watch)
        if let refresh {
            guard let value = DurationFormat.parse(refresh), value > .zero else {
                throw CLIExit(.usage, "--refresh: \"\(refresh)\" is not a duration (examples: 500ms, 15s, 2m)")
            }
            options.refresh = value
            options.fetchTimeout = max(.seconds(5), min(.seconds(20), value * 2))
        }
        if let rotate {
            guard let value = DurationFormat.parse(rotate), value >= .seconds(1) else {
                throw CLIExit(.usage, "--rotate: \"\(rotate)\" is not a duration of at least 1s (example: 20s)")
            }
            options.rotate = value
        }
        if let pages {
            var tabs: [ConsoleTab] = []
            for name in pages.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty
            {
                guard let tab = ConsoleTab(pageName: name) else {
                    throw CLIExit(
                        2,
                        "--pages: unknown page \"\(name)\"; pages are dashboard, registry, pending, activity, pipeline"
                    )
                }
                tabs.append(tab)
            }
            options.pages = tabs.isEmpty ? ConsoleTab.standardPages : tabs
        } else {
            options.pages = [.dashboard, .pending, .activity]
        }
        var readOnly = global
        readOnly.readOnly = true  // watch mode builds read-only clients only
        try await ConsoleRun.start(global: readOnly, options: options)
    }
}

/// Shared start-up of the console and watch mode: config and session first (exit 2 on a bad config, before
/// any AWS call), then the terminal.
enum ConsoleRun {
    static func start(global: GlobalOptions, options: ConsoleOptions) async throws {
        let launchedAt = Date()
        let context = try CommandContext(options: global)
        do {
            _ = try ConsoleLauncher.keyMap(config: context.config, mode: options.mode)
        } catch {
            throw CLIExit(.usage, "invalid config: \(error.description)")
        }
        // A full screen drawn into a pipe is noise, and a closed pipe would leave it running unseen.
        guard isatty(STDOUT_FILENO) == 1 else {
            throw CLIExit(
                2,
                "\(options.mode == .watch ? "watch" : "the console") needs a terminal on standard output; for text use `podium status`"
            )
        }
        let environment = ProcessInfo.processInfo.environment
        // --debug logs every AWS call to stderr, which would draw over the screen: send it to a file instead.
        var debugLog: String?
        if global.debug {
            let path =
                (environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                    ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state") + "/podium/console-debug.log"
            // A private file in a private directory, never through a symlink (SecureFile).
            if let file = try? SecureFile.open(path), dup2(file.descriptor, 2) >= 0 { debugLog = path }
        }
        let status: Int32
        do {
            // The composition root: the terminal, the clients (in the session) and the clock are made here.
            let terminal = try NCursesTerminal(
                options: NCursesTerminal.Options(environment: environment, mouse: context.config.mouse))
            status = try await ConsoleLauncher.run(
                terminal: terminal, service: context.session, config: context.config, options: options,
                clock: SystemRuntimeClock(), environment: environment, launchedAt: launchedAt)
        } catch let error as NCursesError {
            throw CLIExit(.failed, error.description)
        } catch let error as ConsoleLauncher.SetupError {
            throw CLIExit(.usage, "invalid config: \(error.description)")
        }
        // A change still running when the console ends (a signal, or quitting mid-deployment) is recorded.
        AuditAttempt.interruptAll(
            reason: status > 128
                ? "interrupted: the console ended by signal \(status - 128)" : "interrupted: the console was closed")
        if let debugLog { print("podium: the AWS call log of this session is in \(debugLog)") }
        if status != 0 { throw CLIExit(status) }
    }
}
