import Foundation
import PodiumTestSupport
import Testing

/// `TmuxSession` itself: the exit status of the pane's command is reported and the process is reaped
/// (console-bugs.md H1: a tmux server that inherited a blocked SIGCHLD left podium a zombie).
@Suite(.enabled(if: TmuxSession.shouldRun, "tmux is not installed (required in CI)"))
struct TUIDemoTmuxSessionTests {
    /// The pane's process state from /proc (`Z` = zombie), or nil once it is gone.
    private func processState(_ pid: pid_t) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let state = stat.split(separator: ")").last?.split(separator: " ").first
        else { return nil }
        return String(state)
    }

    @Test(arguments: [0, 7, 130])
    func reportsTheExitStatusOfAShortCommand(status: Int) async throws {
        let tmux = try TmuxSession.start(command: ["sh", "-c", "exit \(status)"], width: 40, height: 5)
        defer { tmux.kill() }
        #expect(try await tmux.waitForExit(timeout: .seconds(30)) == Int32(status))
    }

    @Test func reapsTheDemoAndReportsItsStatus() async throws {
        guard let demo = TmuxSession.builtProduct("tui-demo") else {
            Issue.record("tui-demo is not built: run `swift build --product tui-demo`")
            return
        }
        // Started directly (no shell in between): tmux's server is its parent and must reap it. Without the
        // fix this lost the status about every other run, so it runs a few times.
        for _ in 0..<4 {
            let tmux = try TmuxSession.start(command: [demo.path], width: 100, height: 30)
            defer { tmux.kill() }
            try await tmux.waitFor(text: "key: -", timeout: .seconds(60))
            let pid = try tmux.panePID()
            try tmux.sendKeys("q")
            #expect(try await tmux.waitForExit(timeout: .seconds(30)) == 0)
            #expect(processState(pid) == nil, "the demo was left as \(processState(pid) ?? "?")")
        }

        // A start-up failure (unknown TERM) exits at once with status 1.
        let failing = try TmuxSession.start(
            command: [demo.path], width: 60, height: 10, term: "no-such-terminal")
        defer { failing.kill() }
        #expect(try await failing.waitForExit(timeout: .seconds(30)) == 1)
    }
}
