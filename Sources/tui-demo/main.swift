import Foundation
import TerminalNCurses
import TerminalUI

// tui-demo: a small app on the TerminalUI engine, driven by the real-terminal tests.
//   tui-demo                 the interactive demo (q or Ctrl-C quits)
//   tui-demo --bench-bytes   scripted frames for the bytes-written benchmark (see BenchMode)
// Environment: TUI_DEMO_ROWS (table rows, default 40), TUI_DEMO_REFRESH_MS (refresh latency, default 1500).

let environment = ProcessInfo.processInfo.environment

if CommandLine.arguments.contains("--bench-bytes") {
    exit(BenchMode.run())
}

do {
    let terminal = try NCursesTerminal()
    let glyphs: GlyphSet = terminal.supportsUnicode ? .unicode : .ascii
    let app = DemoApp(
        theme: .fallback(colorDepth: terminal.colorDepth, glyphs: glyphs),
        refreshLatency: .milliseconds(Int(environment["TUI_DEMO_REFRESH_MS"] ?? "") ?? 1500))
    var state = DemoState(rows: DemoEndpoint.sample(count: Int(environment["TUI_DEMO_ROWS"] ?? "") ?? 40), now: Date())
    state.size = terminal.size
    let runtime = TerminalRuntime(app: app, backend: terminal, options: RuntimeOptions(tickInterval: .seconds(1)))
    let outcome = try await runtime.run(state)
    exit(outcome.exitStatus)
} catch {
    FileHandle.standardError.write(Data("tui-demo: \(error)\n".utf8))
    exit(1)
}
