import Foundation
import PodiumTestSupport
import Testing

/// `:reload` in the real console: a broken config file is refused with its position and the console carries on
/// with the last good config; the repaired file reloads.
@Suite("Console :reload end to end", .serialized, .enabled(if: TmuxSession.shouldRun))
struct ReloadConsoleEndToEndTests {
    @Test("a broken file keeps the last good config and shows file:line:col; the fixed file reloads")
    func reloadBrokenThenFixed() async throws {
        try await withWorld { world in
            let good = try String(contentsOfFile: world.configPath, encoding: .utf8)
            let tmux = try TmuxSession.start(
                command: [CLITestWorld.podium, "--config", world.configPath], width: 200, height: 30,
                environment: world.environment)
            defer { tmux.kill() }
            try await tmux.waitFor(text: "churn-prod")
            // An unclosed flow sequence on the last line.
            try (good + "\nbogus: [\n").write(toFile: world.configPath, atomically: true, encoding: .utf8)
            try tmux.sendKeys(":")
            try tmux.sendText("reload")
            try tmux.sendKeys("Enter")
            let refused = try await tmux.waitFor(text: "reload: kept the last good config")
            #expect(
                refused.range(of: #"\#(world.configPath):\d+:\d+: "#, options: .regularExpression) != nil, "\(refused)")
            // Still the same console, still refreshing.
            #expect(refused.contains("churn-prod"))

            try good.write(toFile: world.configPath, atomically: true, encoding: .utf8)
            try tmux.sendKeys(":")
            try tmux.sendText("reload")
            try tmux.sendKeys("Enter")
            try await tmux.waitFor(text: "reloaded config and theme")
            try tmux.sendKeys("C-c")
            try await waitForPaneDeath(tmux)
        }
    }
}
