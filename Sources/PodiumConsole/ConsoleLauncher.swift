import Foundation
import PodiumCore
import TerminalUI

/// The entry points `podium console` and `podium watch` call: check the key overrides, then run the app on
/// the terminal the caller opened (the `podium` target is the composition root: it builds the terminal, the
/// clients and the session and hands them in) until quit.
public enum ConsoleLauncher {
    /// A problem found before the terminal is touched (bad `keys:` override): exit 2 with this message.
    public struct SetupError: Error, CustomStringConvertible, Sendable {
        /// The message.
        public var description: String
    }

    /// The key map for a mode, with the config's `keys:` overrides applied (unknown actions are errors).
    public static func keyMap(config: PodiumConfig, mode: ConsoleOptions.Mode) throws(SetupError) -> KeyMap<
        ConsoleCommand
    > {
        let overridden: KeyMap<ConsoleCommand>
        do {
            overridden = try ConsoleKeys.console.applying(overrides: config.keys)
        } catch {
            throw SetupError(description: "\(config.sourcePath): \(error.description)")
        }
        guard mode == .watch else { return overridden }
        let allowed = Set(ConsoleKeys.watch.bindings.map(\.action))
        return overridden.removing { !allowed.contains($0.action) || $0.destructive }
    }

    /// Runs the console (or watch mode) on `terminal` and returns the exit status; the runtime restores the
    /// terminal when it ends.
    ///
    /// `PODIUM_CONSOLE_TRACE` in `environment`: a file that receives the time to the first frame and to a
    /// complete dashboard (ms).
    public static func run(
        terminal: any TerminalBackend, service: any ConsoleService, config: PodiumConfig, options: ConsoleOptions,
        clock: any RuntimeClock = SystemRuntimeClock(),
        environment: [String: String] = ProcessInfo.processInfo.environment, launchedAt: Date = Date()
    ) async throws -> Int32 {
        let keyMap = try keyMap(config: config, mode: options.mode)
        let glyphs: GlyphSet = terminal.supportsUnicode ? .unicode : .ascii
        let loader = ThemeLoader(environment: environment, executablePath: executablePath())
        let loaded = loader.load(config.theme ?? "default", colorDepth: terminal.colorDepth, glyphs: glyphs)
        let app = ConsoleApp(service: service, clock: clock, themeLoader: loader)
        var state = ConsoleState(
            config: config, options: options, theme: loaded.theme, keyMap: keyMap, now: clock.now(),
            size: terminal.size)
        if let warning = loaded.warning { state.lastError = ("theme: \(warning.description)", state.now) }
        let environmentThemes = EnvironmentThemes.load(
            config, loader: loader, colorDepth: terminal.colorDepth, glyphs: glyphs)
        state.environmentThemes = environmentThemes.themes
        if let error = environmentThemes.errors.first { state.lastError = (error, state.now) }
        let trace = environment["PODIUM_CONSOLE_TRACE"].flatMap { $0.isEmpty ? nil : $0 }
        let backend: any TerminalBackend =
            trace == nil ? terminal : TracingBackend(wrapping: terminal, launchedAt: launchedAt)
        let runtime = TerminalRuntime(
            app: app, backend: backend, clock: clock, options: RuntimeOptions(tickInterval: ConsoleApp.tickInterval))
        let outcome = try await runtime.run(state)
        if let trace, let tracing = backend as? TracingBackend {
            tracing.write(to: trace, dashboardCompleteAt: outcome.state.dashboardCompleteAt)
        }
        return outcome.exitStatus
    }

    /// The running executable's path (for finding the `themes/` directory of a source checkout).
    static func executablePath() -> String? {
        let path = CommandLine.arguments.first ?? ""
        if path.hasPrefix("/") { return path }
        if path.contains("/") { return FileManager.default.currentDirectoryPath + "/" + path }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? path
    }
}
