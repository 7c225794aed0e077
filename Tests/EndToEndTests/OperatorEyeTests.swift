import Foundation
import PodiumTestSupport
import Testing

extension ConsoleE2E {
    /// Issue 17 end to end: an incident made by the emulator's own traffic generator (`Emulator/traffic.py
    /// --incident churn-prod`: 5xx about 8 %, latency ×6, its `-5xx` alarm in ALARM), seen by the real
    /// console and watch screen in tmux. `OPERATOR_EYE_CAPTURES=<dir>` also saves the screens it checks.
    @Suite struct OperatorEyeTests {
        static let traffic = repoRoot.appendingPathComponent("Emulator/traffic.py").path

        /// Backfills 10 minutes of traffic with churn-prod burning and sets its alarm, then exits.
        static func startIncident(_ world: ConsoleE2EWorld) async throws {
            let result = try await ConsoleE2EWorld.run(
                pythonPath.path,
                [
                    traffic, "--endpoint-url", world.emulator.endpoint.absoluteString, "--incident", "churn-prod",
                    "--backfill-minutes", "10", "--interval", "60", "--duration", "0.1",
                ], environment: world.environment)
            guard result.code == 0 else { throw ConsoleE2EError("traffic.py failed: \(result.stderr)") }
        }

        /// Saves a screen when `OPERATOR_EYE_CAPTURES` names a directory.
        static func save(_ screen: String, _ name: String) {
            guard let directory = ProcessInfo.processInfo.environment["OPERATOR_EYE_CAPTURES"] else { return }
            try? screen.write(toFile: directory + "/" + name + ".txt", atomically: true, encoding: .utf8)
        }

        /// Labelled values cut short (`p99 56` for `p99 565ms`): a number followed by neither its unit nor `–`.
        static func cutNumbers(_ screen: String) -> [String] {
            let pattern = /(p99|avg|4xx|5xx|cpu|mem) ([0-9.]+)(ms|%)?/
            return screen.split(separator: "\n").flatMap { line in
                line.matches(of: pattern).filter { $0.output.3 == nil }.map { String($0.output.0) }
            }
        }

        @Test func anIncidentIsVisibleOnEveryScreenAtEverySize() async throws {
            try await ConsoleE2EWorld.with { world in
                try await Self.startIncident(world)
                let tmux = try world.launch([], width: 160, height: 48)
                let dashboard = try await tmux.waitUntil("churn-prod critical", timeout: .seconds(60)) {
                    $0.contains("1 CRIT churn-prod") && $0.contains("churn-prod") && !$0.contains("loading")
                }
                Self.save(dashboard, "console-160x48")
                // Its alarm state and its 5xx rate (about 8 %: over the 5 % critical threshold) are on screen.
                #expect(dashboard.contains("5xx:ALARM"), "\(dashboard)")
                #expect(dashboard.contains(" 5xx 8.") || dashboard.contains(" 5xx 9."), "\(dashboard)")
                #expect(Self.cutNumbers(dashboard).isEmpty, "cut: \(Self.cutNumbers(dashboard))\n\(dashboard)")

                // Off the dashboard the count stays in the tab strip.
                try tmux.sendKeys("3")
                let pending = try await tmux.waitFor(text: "Pending approval", timeout: .seconds(30))
                #expect(pending.split(separator: "\n")[1].contains("1 CRIT churn-prod"), "\(pending)")

                // 80×24: still counted (status bar or tab strip), numbers whole.
                try tmux.sendKeys("1")
                try tmux.resize(width: 80, height: 24)
                let small = try await tmux.waitUntil("the 80x24 dashboard", timeout: .seconds(30)) {
                    $0.split(separator: "\n").first.map { $0.count <= 80 } == true && $0.contains("CRIT")
                        && $0.contains("dev")
                }
                Self.save(small, "console-80x24")
                #expect(Self.cutNumbers(small).isEmpty, "cut: \(Self.cutNumbers(small))\n\(small)")
                try tmux.sendKeys("l", "l")  // the prod panel, its first endpoint: churn-prod
                let selected = try await tmux.waitFor(text: "churn-prod CRIT:", timeout: .seconds(30))
                Self.save(selected, "console-80x24-selected")
                // Selected, every reason is listed whole: the alarm, the 5xx rate and the p99 latency.
                #expect(selected.contains("alarm churn-prod-5xx ALARM"), "\(selected)")
                #expect(selected.contains(">= 5%") && selected.contains(">= 300ms"), "\(selected)")
                tmux.kill()

                // The wall screen: a CRITICAL tile naming it.
                let watch = try world.launch(["watch", "--refresh", "2s"], width: 200, height: 60)
                let wall = try await watch.waitUntil("the watch band", timeout: .seconds(60)) {
                    $0.contains("CRITICAL · churn-prod") && $0.components(separatedBy: "updated ").count - 1 >= 3
                }
                Self.save(wall, "watch-200x60")
                #expect(Self.cutNumbers(wall).isEmpty, "cut: \(Self.cutNumbers(wall))")
            }
        }
    }
}
