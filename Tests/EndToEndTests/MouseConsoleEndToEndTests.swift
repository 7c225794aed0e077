import Foundation
import PodiumTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `mouse: true` in the real console, in a real terminal: tmux types SGR (1006) mouse reports into the pane as a
/// terminal would, ncurses decodes them as terminfo says (TERM=xterm-256color), and the screen follows: a tab
/// click, a click that selects a row, a click on the selected row that opens it, a wheel notch; then X10 reports
/// under TERM=tmux-256color. podium runs under
/// an interactive shell, as an operator starts it: mouse reporting is off while it is suspended (SIGTSTP) and once
/// it has quit, and back on after `fg`, so the shell never gets mouse garbage.
@Suite("Console mouse end to end", .serialized, .enabled(if: TmuxSession.shouldRun))
struct MouseConsoleEndToEndTests {
    @Test("clicks on a tab and rows, the wheel; reporting off while suspended and after quit")
    func clicksWheelSuspendAndCleanExit() async throws {
        try await withWorld(config: CLITestWorld.config() + "\nmouse: true\n") { world in
            try await world.emulator.clearRequests()
            var environment = world.environment
            environment["PS1"] = "shell$ "
            // A job-control shell: SIGTSTP really stops podium (a pane's own process group is orphaned, where it
            // would be discarded).
            let tmux = try TmuxSession.start(
                command: ["/bin/bash", "--norc", "--noprofile", "-i"], width: 120, height: 30,
                environment: environment, term: "xterm-256color")
            defer { tmux.kill() }
            try await tmux.waitFor(text: "shell$")
            try tmux.sendText("\(CLITestWorld.podium) --config \(world.configPath)")
            try tmux.sendKeys("Enter")
            try await tmux.waitFor(text: "churn-prod")
            // ncurses asked the terminal for button reports in the SGR encoding (terminfo's XM).
            #expect(try Self.mouseFlags(tmux) == "1 1")

            try click(tmux, at: try position(of: "Registry", in: try tmux.capture(), line: 1))
            try await tmux.waitFor(text: "model package groups")
            // The only group is selected already: a click on it opens it, as Enter does.
            try click(tmux, at: try position(of: "churn", in: try await tmux.waitFor(text: "test group")))
            var screen = try await tmux.waitFor(text: "churn · versions")
            // A click on v1 selects it; a second click opens the version selected (v1, not v3 the first row).
            let v1 = try position(of: "version 1", in: try await tmux.waitFor(text: "version 1"))
            try click(tmux, at: v1)
            try click(tmux, at: v1)
            screen = try await tmux.waitUntil("v1's detail") { Self.title($0).contains("v1") }
            #expect(!Self.title(screen).contains("v3"))

            // Keys still work beside the mouse: Esc goes back, and one wheel notch up moves 3 rows (to v3).
            try tmux.sendKeys("Escape")
            screen = try await tmux.waitFor(text: "churn · versions")
            try wheelUp(tmux, at: v1)
            try tmux.sendKeys("Enter")
            screen = try await tmux.waitUntil("v3's detail") { Self.title($0).contains("v3") }

            // Suspended, the shell has the terminal and no mouse reports; `fg` brings both back.
            let podium = try Self.child(of: try tmux.panePID())
            kill(podium, SIGTSTP)
            try await tmux.waitFor(text: "Stopped")
            #expect(try Self.mouseFlags(tmux) == "0 0")
            try tmux.sendText("fg")
            try tmux.sendKeys("Enter")
            try await tmux.waitUntil("podium back with the mouse") { _ in (try? Self.mouseFlags(tmux)) == "1 1" }
            try click(tmux, at: try position(of: "Pending", in: try tmux.capture(), line: 1))
            try await tmux.waitFor(text: "Pending approval")

            try tmux.sendKeys("C-c")
            try await tmux.waitUntil("the shell's prompt after podium") { _ in
                kill(podium, 0) != 0 && errno == ESRCH
            }
            #expect(try Self.mouseFlags(tmux) == "0 0")

            // Where terminfo names the X10 encoding (tmux-256color: kmous=\E[M, no XM), ncurses asks for that and
            // decodes its raw bytes: ESC [ M, then button, column and row each offset by 32 (cells from 1).
            try tmux.sendText("TERM=tmux-256color \(CLITestWorld.podium) --config \(world.configPath)")
            try tmux.sendKeys("Enter")
            try await tmux.waitFor(text: "churn-prod")
            #expect(try Self.mouseFlags(tmux) == "1 0")
            let pending = try position(of: "Pending", in: try tmux.capture(), line: 1)
            let cell = String(UnicodeScalar(UInt8(33 + pending.x))) + String(UnicodeScalar(UInt8(33 + pending.y)))
            try send(tmux, "\u{1B}[M " + cell + "\u{1B}[M#" + cell)
            try await tmux.waitFor(text: "Pending approval")
            let second = try Self.child(of: try tmux.panePID())
            try tmux.sendKeys("C-c")
            try await tmux.waitUntil("the shell's prompt after the second podium") { _ in
                kill(second, 0) != 0 && errno == ESRCH
            }
            #expect(try Self.mouseFlags(tmux) == "0 0")
            // Nothing was approved or promoted by any of it.
            let writes = try await world.emulator.requests().filter {
                ["Update", "Create", "Delete"].contains(where: $0.operation.hasPrefix)
            }
            #expect(writes.isEmpty, "\(writes.map(\.operation))")
        }
    }

    @Test(":reload with mouse: true switches the terminal's reporting on and clicks work; removing it switches it off")
    func reloadSwitchesReporting() async throws {
        try await withWorld { world in
            let plain = try String(contentsOfFile: world.configPath, encoding: .utf8)
            let tmux = try TmuxSession.start(
                command: [CLITestWorld.podium, "--config", world.configPath], width: 120, height: 30,
                environment: world.environment, term: "xterm-256color")
            defer { tmux.kill() }
            try await tmux.waitFor(text: "churn-prod")
            #expect(try Self.mouseFlags(tmux) == "0 0")
            func reload(_ text: String) async throws {
                try text.write(toFile: world.configPath, atomically: true, encoding: .utf8)
                try tmux.sendKeys(":")
                try tmux.sendText("reload")
                try tmux.sendKeys("Enter")
                try await tmux.waitFor(text: "reloaded config and theme")
            }
            try await reload(plain + "\nmouse: true\n")
            try await tmux.waitUntil("mouse reporting on after :reload") { _ in (try? Self.mouseFlags(tmux)) == "1 1" }
            try click(tmux, at: try position(of: "Pending", in: try tmux.capture(), line: 1))
            try await tmux.waitFor(text: "Pending approval")
            try await reload(plain)
            try await tmux.waitUntil("mouse reporting off after :reload") { _ in (try? Self.mouseFlags(tmux)) == "0 0" }
            try tmux.sendKeys("C-c")
            try await waitForPaneDeath(tmux)
        }
    }

    /// Whether the pane reports the mouse, and in the SGR encoding (`1 1`; `0 0` when off).
    static func mouseFlags(_ tmux: TmuxSession) throws -> String {
        try tmux.display("#{mouse_any_flag} #{mouse_sgr_flag}")
    }

    /// The one child of the shell (podium), from /proc.
    static func child(of shell: pid_t) throws -> pid_t {
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        guard let pid = children.split(separator: " ").first.flatMap({ pid_t($0) }) else {
            throw CLIWorldError("the shell \(shell) has no child: \(children)")
        }
        return pid
    }

    /// The title line (the first of the screen).
    static func title(_ screen: String) -> String {
        String(screen.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
    }

    /// The zero-based cell of the first `text` on screen (on `line` when given); every glyph here is 1 column.
    func position(of text: String, in screen: String, line: Int? = nil) throws -> (x: Int, y: Int) {
        for (y, row) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line == nil || line == y {
            if let range = row.range(of: text) { return (row.distance(from: row.startIndex, to: range.lowerBound), y) }
        }
        throw CLIWorldError("\"\(text)\" is not on screen:\n\(screen)")
    }

    /// A left click as an xterm sends it in SGR mode (press `M`, release `m`, 1-based cells), typed into the pane.
    func click(_ tmux: TmuxSession, at cell: (x: Int, y: Int)) throws {
        try send(tmux, "\u{1B}[<0;\(cell.x + 1);\(cell.y + 1)M\u{1B}[<0;\(cell.x + 1);\(cell.y + 1)m")
    }

    /// One wheel notch up (button 64) in SGR mode.
    func wheelUp(_ tmux: TmuxSession, at cell: (x: Int, y: Int)) throws {
        try send(tmux, "\u{1B}[<64;\(cell.x + 1);\(cell.y + 1)M")
    }

    /// Writes raw bytes into the pane's input (`send-keys -H`), as the terminal itself would.
    func send(_ tmux: TmuxSession, _ bytes: String) throws {
        let hex = bytes.utf8.map { String(format: "%02x", $0) }
        try tmux.tmux(["send-keys", "-t", tmux.target, "-H"] + hex)
    }
}
