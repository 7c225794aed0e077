import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// `:reload`: the config and theme read again; the console's own settings apply at once, a broken file keeps
/// the last good config with its errors at `file:line:col`, and client settings wait for a restart.
@Suite("Reload")
struct ReloadTests {
    static func yaml(health: String = "15s", accent: String = "green", region: String = "us-east-1") -> String {
        """
        refresh: { registry: 30s, health: \(health) }
        registry: { region: us-east-1 }
        environments:
          - name: dev
            region: \(region)
            accent: \(accent)
            endpoints:
              - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
        """
    }

    /// Writes `text` to a fresh config file and returns its path.
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("podium-reload-\(UUID()).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func read(_ current: PodiumConfig) -> ConsoleReload {
        ConsoleReload.read(
            current: current, mode: .console, themeName: "default", loader: ThemeLoader(directories: []),
            colorDepth: .c256, glyphs: .unicode)
    }

    @Test("a good file applies refresh intervals and accents at once; nothing needs a restart")
    func goodFile() throws {
        let path = try Self.file(Self.yaml())
        defer { try? FileManager.default.removeItem(atPath: path) }
        let current = try ConfigLoader.load(path: path)
        try Self.yaml(health: "5s", accent: "red").write(toFile: path, atomically: true, encoding: .utf8)
        let reload = Self.read(current)
        #expect(reload.errors.isEmpty)
        #expect(reload.config?.refresh.health == .seconds(5))
        #expect(reload.config?.environments.first?.accent == "red")
        #expect(!reload.needsRestart)
        #expect(reload.theme != nil)
    }

    @Test("a reload that changes mouse: asks the terminal to switch its reporting; one that does not, asks nothing")
    func mouseReportingFollowsTheConfig() throws {
        let path = try Self.file(Self.yaml())
        defer { try? FileManager.default.removeItem(atPath: path) }
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        state.config = try ConfigLoader.load(path: path)
        func reporting(_ effects: [Effect<ConsoleAction>]) -> [Bool] {
            effects.compactMap { if case .mouseReporting(let on) = $0.operation { on } else { nil } }
        }
        #expect(reporting(app.update(&state, .reloaded(Self.read(state.config)))).isEmpty)
        try ("mouse: true\n" + Self.yaml()).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(reporting(app.update(&state, .reloaded(Self.read(state.config)))) == [true])
        #expect(state.config.mouse)
        #expect(reporting(app.update(&state, .reloaded(Self.read(state.config)))).isEmpty)
        try Self.yaml().write(toFile: path, atomically: true, encoding: .utf8)
        #expect(reporting(app.update(&state, .reloaded(Self.read(state.config)))) == [false])
        #expect(!state.config.mouse)
        // A broken file changes nothing, the reporting included.
        try ("mouse: true\n" + Self.yaml() + "\n  bogus: [\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(reporting(app.update(&state, .reloaded(Self.read(state.config)))).isEmpty)
    }

    @Test("a broken file keeps the last good config and names file:line:col")
    func brokenFile() throws {
        let path = try Self.file(Self.yaml())
        defer { try? FileManager.default.removeItem(atPath: path) }
        let current = try ConfigLoader.load(path: path)
        try (Self.yaml() + "\n  bogus: [\n").write(toFile: path, atomically: true, encoding: .utf8)
        let reload = Self.read(current)
        #expect(reload.config == nil)
        let first = try #require(reload.errors.first)
        #expect(first.range(of: #"^\#(path):\d+:\d+: "#, options: .regularExpression) != nil, "\(first)")
        #expect(reload.summary.hasPrefix("reload: kept the last good config: \(path):"))

        // Through the app: the state keeps its config, the toast and the status bar carry the position.
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        let before = state.config
        _ = app.update(&state, .reloaded(reload))
        #expect(state.config == before)
        #expect(state.lastError?.message.contains("\(path):") == true)
    }

    @Test("a changed region is not half-applied: the running clients keep theirs until a restart")
    func restartNeeded() throws {
        let path = try Self.file(Self.yaml())
        defer { try? FileManager.default.removeItem(atPath: path) }
        let current = try ConfigLoader.load(path: path)
        try Self.yaml(region: "eu-west-1").write(toFile: path, atomically: true, encoding: .utf8)
        let reload = Self.read(current)
        #expect(reload.needsRestart)
        #expect(reload.config?.environments.first?.region == "us-east-1")
        #expect(reload.summary.contains("apply on restart"))
    }

    @Test(":reload runs off the input path as one effect")
    func command() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        _ = press(app, &state, .char(":"))
        type(app, &state, "reload")
        #expect(taskIDs(press(app, &state, .enter)) == ["reload"])
    }
}
