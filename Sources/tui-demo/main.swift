import Foundation
import TerminalNCurses
import TerminalUI

// tui-demo: a small app on the TerminalUI engine, driven by the real-terminal tests.
//   tui-demo                 the interactive demo (q or Ctrl-C quits)
//   tui-demo --bench-bytes   scripted frames for the bytes-written benchmark (see BenchMode)
//   tui-demo --print-capabilities   sets the terminal up, restores it, prints what was detected (tests)
//   tui-demo --crash-key     `!` crashes the demo with a fatal error (tests of the crash restore)
// Environment: TUI_DEMO_ROWS (table rows, default 40), TUI_DEMO_REFRESH_MS (refresh latency, default 1500).

let environment = ProcessInfo.processInfo.environment

if CommandLine.arguments.contains("--bench-bytes") {
    exit(BenchMode.run())
}

do {
    let terminal = try NCursesTerminal()
    if CommandLine.arguments.contains("--print-capabilities") {
        let capabilities = terminal.capabilities
        terminal.stop()
        print("capabilities: \(capabilities)")
        exit(0)
    }
    let glyphs: GlyphSet = terminal.supportsUnicode ? .unicode : .ascii
    let app = DemoApp(
        theme: .fallback(colorDepth: terminal.colorDepth, glyphs: glyphs),
        refreshLatency: .milliseconds(Int(environment["TUI_DEMO_REFRESH_MS"] ?? "") ?? 1500),
        crashKey: CommandLine.arguments.contains("--crash-key"))
    var state = DemoState(rows: DemoEndpoint.sample(count: Int(environment["TUI_DEMO_ROWS"] ?? "") ?? 40), now: Date())
    state.size = terminal.size
    let runtime = TerminalRuntime(app: app, backend: terminal, options: RuntimeOptions(tickInterval: .seconds(1)))
    let outcome = try await runtime.run(state)
    exit(outcome.exitStatus)
} catch {
    FileHandle.standardError.write(Data("tui-demo: \(error)\n".utf8))
    exit(1)
}
